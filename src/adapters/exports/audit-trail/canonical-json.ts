/**
 * Canonical JSON for hashing: object keys sorted by UTF-16 code units, no whitespace, primitives serialised
 * exactly as JSON.stringify does (the same choices as RFC 8785 JCS). The audit trail's lines are written in
 * this form, so a verifier can demand `canonicalJson(JSON.parse(line)) === line` and thereby notice changes
 * that parse to the same value (`\u001F` → `\u001f`, `1e21` → `1E21`).
 *
 * Beyond JSON: bigints become decimal strings (event positions and revisions); `toJSON` is honoured (Date →
 * ISO string); undefined object members are left out and undefined array items become null, as in JSON.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'object':
      return objectJson(value);
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
}

function objectJson(value: object): string {
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return canonicalJson(withToJson.toJSON());
  if (Array.isArray(value)) {
    return `[${value.map((item) => (isAbsent(item) ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => !isAbsent(record[key]))
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

const isAbsent = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';
