import type { XafDate, XafPeriod } from './xaf-model.js';
import { xafDate } from './xaf-values.js';

const MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

const isoDate = (date: Date): XafDate => date.toISOString().slice(0, 10);

/**
 * One period per calendar month from `startDate` to `endDate` (a fiscal year that does not start on the 1st
 * gets a short first and last period), numbered 1, 2, … as `transaction/periodNumber` refers to them.
 */
export function monthlyPeriods(startDate: XafDate, endDate: XafDate): XafPeriod[] {
  const end = new Date(`${xafDate(endDate, 'endDate')}T00:00:00Z`);
  const periods: XafPeriod[] = [];
  let start = new Date(`${xafDate(startDate, 'startDate')}T00:00:00Z`);
  while (start <= end) {
    const monthEnd = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
    const periodEnd = monthEnd < end ? monthEnd : end;
    periods.push({
      periodNumber: periods.length + 1,
      periodDesc: `${MONTHS[start.getUTCMonth()]} ${start.getUTCFullYear()}`,
      startDatePeriod: isoDate(start),
      endDatePeriod: isoDate(periodEnd),
    });
    start = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  }
  return periods;
}
