/** How a language writes numbers and dates on documents; `money` places the currency symbol (or ISO code) and the sign. */
export interface NumberStyle {
  readonly decimal: string;
  readonly group: string;
  readonly money: (symbol: string, amount: string, sign: '' | '-') => string;
  readonly date: (year: string, month: string, day: string) => string;
}

/** ISO date "2025-03-14" in the style's order. */
export const formatDate = (isoDate: string, style: NumberStyle): string => {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  return style.date(year, month, day);
};
