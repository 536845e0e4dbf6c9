/**
 * How large a request body may be, per kind of route. Small by default: most writes are a few fields,
 * and a small limit keeps a flood of oversized bodies from tying up memory and the JSON parser.
 */
export const BODY_LIMITS = {
  /** Anything not named below: settings changes, decisions, payments, connections. */
  default: 64 * 1024,
  /** Up to 1,000 lines (the schema's limit) with long descriptions. */
  order: 2 * 1024 * 1024,
  credit: 1024 * 1024,
  /** The seller settings carry the logo (at most 256 KB, base64-encoded). */
  sellerSettings: 512 * 1024,
  /** A platform's order webhook: a marketplace order with its line items and customer. */
  webhook: 5 * 1024 * 1024,
} as const;
