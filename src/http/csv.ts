import { stringify } from 'csv-stringify/sync';

/** Rows as CSV with a header line; amounts stay decimal strings (no locale formatting, no floats). */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  return stringify(
    rows.map((row) =>
      columns.map((column) =>
        Array.isArray(row[column]) ? (row[column] as unknown[]).join(' ') : row[column],
      ),
    ),
    { header: true, columns: [...columns] },
  );
}
