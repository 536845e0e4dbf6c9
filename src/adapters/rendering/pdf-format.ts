import { formatDate, type NumberStyle } from '../../domain/i18n/number-style.js';
import { type Decimal, decimal, formatAmount, formatDecimal } from '../../domain/shared/money.js';

/** Symbols for the currencies webshops actually invoice in; any other shows its ISO code. */
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { EUR: '€', USD: '$', GBP: '£' };

/** Groups and separates a plain decimal string ("1234.5") as text; the value never becomes a float. */
const localize = (plain: string, style: NumberStyle, minDecimals: number): string => {
  const [integer = '0', fraction = ''] = plain.split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, style.group);
  const decimals = fraction.padEnd(minDecimals, '0');
  return decimals === '' ? grouped : `${grouped}${style.decimal}${decimals}`;
};

const money = (
  value: string,
  currency: string,
  style: NumberStyle,
  digits: (amount: Decimal) => string,
): string => {
  const amount = decimal(value);
  const symbol = CURRENCY_SYMBOLS[currency] ?? currency;
  return style.money(symbol, localize(digits(amount.abs()), style, 2), amount.lt(0) ? '-' : '');
};

/** "€ 1.234,50" (nl), "€1,234.50" (en), "1.234,50 €" (de); the style places the minus of a negative value. */
export const formatMoney = (value: string, currency: string, style: NumberStyle): string =>
  money(value, currency, style, formatAmount);

/** Unit prices keep their own precision (up to four decimals) but show at least cents. */
export const formatPrice = (value: string, currency: string, style: NumberStyle): string =>
  money(value, currency, style, formatDecimal);

/** Quantities without trailing zeros: "2", "1,5". */
export const formatQuantity = (value: string, style: NumberStyle): string =>
  localize(formatDecimal(decimal(value)), style, 0);

/** VAT rates: "21%", "5,5%". */
export const formatPercent = (rate: string, style: NumberStyle): string =>
  `${localize(formatDecimal(decimal(rate)), style, 0)}%`;

/** The formatting functions bound to one invoice's currency and language. */
export interface InvoiceFormatter {
  readonly money: (value: string) => string;
  readonly price: (value: string) => string;
  readonly quantity: (value: string) => string;
  readonly percent: (rate: string) => string;
  readonly date: (isoDate: string) => string;
}

export const formatterFor = (currency: string, style: NumberStyle): InvoiceFormatter => ({
  money: (value) => formatMoney(value, currency, style),
  price: (value) => formatPrice(value, currency, style),
  quantity: (value) => formatQuantity(value, style),
  percent: (rate) => formatPercent(rate, style),
  date: (isoDate) => formatDate(isoDate, style),
});
