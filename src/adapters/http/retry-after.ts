/**
 * `Retry-After` as a wait in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); some
 * servers send fractional seconds ("2.0"), which are rounded up. undefined when absent or unreadable.
 */
export const retryAfterMs = (value: string | null, now: Date): number | undefined => {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1_000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
};
