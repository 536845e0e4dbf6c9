/**
 * Which `GET /retailer/orders` queries cover a changed-range, and the opaque page token that walks
 * them. bol filters order items on their latest change in two ways (OpenAPI `get-orders`):
 *
 * - `change-interval-minute` (at most 60): items changed in the last N minutes — bol's advice for
 *   polling every 5–15 minutes. Used when the range starts at most 59 minutes ago, with one minute
 *   to spare as bol asks ("poll at least one minute more often than the interval").
 * - `latest-change-date` (a date, at most 3 months back): items whose latest change was on that
 *   day. Older ranges (backfills, a poll after a pause) ask day by day. bol does not say in which
 *   time zone the date is, so the days asked run from the UTC date of the start to the Amsterdam
 *   date of the end; the client filters on the exact instants anyway. Should bol read the date as
 *   "since", some orders come twice; the order's identity and change time make that harmless.
 *
 * Each query is paged by 50 (`page`); a full page means there may be another.
 */
import type { ChangedRange } from '../../../domain/ports/channel-client.js';
import { addDays, toAmsterdamDate } from '../../../domain/shared/dates.js';
import { ValidationError } from '../../../domain/shared/errors.js';

export const BOL_PAGE_SIZE = 50;
const MAX_INTERVAL_MINUTES = 60;
const HISTORY_MONTHS = 3;
const MINUTE_MS = 60_000;

export type BolOrderQuery =
  | { readonly kind: 'interval'; readonly minutes: number; readonly page: number }
  | { readonly kind: 'day'; readonly date: string; readonly page: number };

export interface BolWindow {
  readonly from: number;
  /** Exclusive; `Infinity` for an open-ended poll. */
  readonly to: number;
}

const instant = (value: string, field: string): number => {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ValidationError(`${field} is not a date-time`, [{ field, message: value }]);
  return ms;
};

export const bolWindow = (range: ChangedRange): BolWindow => ({
  from: instant(range.changedFrom, 'changedFrom'),
  to: range.changedTo === undefined ? Number.POSITIVE_INFINITY : instant(range.changedTo, 'changedTo'),
});

/** The oldest day bol still answers for: three calendar months back, plus a day for time zones. */
const oldestDay = (now: Date): string => {
  const back = new Date(now.getTime());
  back.setUTCMonth(back.getUTCMonth() - HISTORY_MONTHS);
  return addDays(toAmsterdamDate(back), 1);
};

const dayRange = (window: BolWindow, now: Date): { first: string; last: string } => {
  const end = Math.min(window.to - 1, now.getTime());
  const last = toAmsterdamDate(new Date(end));
  const oldest = oldestDay(now);
  if (last < oldest) {
    throw new ValidationError('bol keeps order changes for 3 months only', [
      { field: 'changedTo', message: `must be on or after ${oldest}` },
    ]);
  }
  const start = Math.max(window.from, Date.parse(`${oldest}T00:00:00Z`));
  return { first: new Date(start).toISOString().slice(0, 10), last };
};

/** The first query for the range, or undefined when the range is empty. */
export const firstBolQuery = (window: BolWindow, now: Date): BolOrderQuery | undefined => {
  if (window.to <= window.from) return undefined;
  const sinceMs = now.getTime() - window.from;
  if (sinceMs <= (MAX_INTERVAL_MINUTES - 1) * MINUTE_MS) {
    const minutes = Math.min(MAX_INTERVAL_MINUTES, Math.max(1, Math.ceil(sinceMs / MINUTE_MS)) + 1);
    return { kind: 'interval', minutes, page: 1 };
  }
  const { first, last } = dayRange(window, now);
  return first > last ? undefined : { kind: 'day', date: first, page: 1 };
};

/** The query after one whose answer held `received` orders, or undefined when the range is done. */
export const nextBolQuery = (
  query: BolOrderQuery,
  received: number,
  window: BolWindow,
  now: Date,
): BolOrderQuery | undefined => {
  if (received >= BOL_PAGE_SIZE) return { ...query, page: query.page + 1 };
  if (query.kind === 'interval') return undefined;
  const { last } = dayRange(window, now);
  return query.date < last ? { kind: 'day', date: addDays(query.date, 1), page: 1 } : undefined;
};

/** Query parameters of `GET /retailer/orders`: every fulfilment method (FBR, FBB) and status. */
export const bolQueryParameters = (query: BolOrderQuery): URLSearchParams =>
  new URLSearchParams({
    'fulfilment-method': 'ALL',
    status: 'ALL',
    ...(query.kind === 'interval'
      ? { 'change-interval-minute': String(query.minutes) }
      : { 'latest-change-date': query.date }),
    page: String(query.page),
  });

export const encodeBolPageToken = (query: BolOrderQuery): string =>
  query.kind === 'interval' ? `interval:${query.minutes}:${query.page}` : `day:${query.date}:${query.page}`;

const PAGE_TOKEN = /^(?:interval:(\d{1,2})|day:(\d{4}-\d{2}-\d{2})):([1-9]\d{0,5})$/;

export const decodeBolPageToken = (token: string): BolOrderQuery => {
  const match = PAGE_TOKEN.exec(token);
  const minutes = Number(match?.[1]);
  const page = Number(match?.[3]);
  if (match?.[2] !== undefined) return { kind: 'day', date: match[2], page };
  if (match !== null && minutes >= 1 && minutes <= MAX_INTERVAL_MINUTES) {
    return { kind: 'interval', minutes, page };
  }
  throw new ValidationError('Not a bol page token', [{ field: 'page', message: token }]);
};
