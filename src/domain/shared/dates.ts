/**
 * The VAT period of a supply and the invoice date are Dutch calendar dates (Europe/Amsterdam),
 * not UTC: an order at 00:30 on 1 December Amsterdam time is a December supply.
 */
const amsterdamDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export const toAmsterdamDate = (instant: Date | string): string =>
  amsterdamDate.format(typeof instant === 'string' ? new Date(instant) : instant);

/** Adds whole days to an ISO date (YYYY-MM-DD) on the calendar, independent of time zones. */
export const addDays = (isoDate: string, days: number): string => {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};
