import { ValidationError } from '../../domain/shared/errors.js';

export interface Period {
  readonly label: string;
  /** First day (inclusive), YYYY-MM-DD. */
  readonly from: string;
  /** First day after the period (exclusive), YYYY-MM-DD. */
  readonly until: string;
}

/** A VAT period: a month (`2026-11`) or a quarter (`2026-Q4`), on Dutch calendar dates. */
export function parsePeriod(label: string): Period {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(label);
  if (quarter === null && month === null) {
    throw new ValidationError('Invalid period', [
      { field: 'querystring.period', message: 'must be a month (2026-11) or a quarter (2026-Q4)' },
    ]);
  }
  const year = Number((quarter ?? month)![1]);
  const firstMonth = quarter !== null ? (Number(quarter[2]) - 1) * 3 + 1 : Number(month![2]);
  const months = quarter !== null ? 3 : 1;
  return { label, from: isoMonth(year, firstMonth), until: isoMonth(year, firstMonth + months) };
}

/** A date range `from`..`to` (both inclusive, YYYY-MM-DD) for exports. */
export function parseDateRange(from: string, to: string): Period {
  const valid = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
  if (!valid(from) || !valid(to) || from > to) {
    throw new ValidationError('Invalid date range', [
      { field: 'querystring.from', message: 'from and to must be dates YYYY-MM-DD with from ≤ to' },
    ]);
  }
  const next = new Date(`${to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { label: `${from}..${to}`, from, until: next.toISOString().slice(0, 10) };
}

const isoMonth = (year: number, month: number) => {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}-01`;
};
