import BigImport from 'big.js';

/**
 * Exact decimal arithmetic for amounts and quantities. Amounts travel as decimal strings;
 * inside we use big.js, never JavaScript numbers. Rounding happens only through `round2`/`roundTo`.
 */
const Big = BigImport;
export type Decimal = BigImport.Big;

/** big.js ROUND_HALF_UP: ties go away from zero, the house convention (domain.md). */
const HALF_AWAY_FROM_ZERO = 1;

export const decimal = (value: string | number | Decimal): Decimal => new Big(value);
export const ZERO: Decimal = new Big(0);

export const roundTo = (value: Decimal, places: number): Decimal => value.round(places, HALF_AWAY_FROM_ZERO);
export const round2 = (value: Decimal): Decimal => roundTo(value, 2);

/** Amount as a decimal string with exactly two decimals ("12.50"). */
/** big.js `toFixed` formats the exact decimal (not Number.prototype.toFixed). */
export const formatAmount = (value: Decimal): string => round2(value).toFixed(2);

/** Decimal string without trailing zeros ("2", "0.5", "11.4679"). */
export const formatDecimal = (value: Decimal): string => {
  const text = value.toFixed();
  return text === '-0' ? '0' : text;
};

/** Unit price: at least two decimals, at most four, e.g. "12.50", "11.4679". */
export const formatPrice = (value: Decimal): string => {
  const text = formatDecimal(roundTo(value, 4));
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
};

export const sum = (values: readonly Decimal[]): Decimal => values.reduce((acc, v) => acc.plus(v), ZERO);

/** Splits `total` (2 decimals) over `weights` proportionally; cents left over go by largest remainder. */
export const allocateByWeight = (total: Decimal, weights: readonly Decimal[]): Decimal[] => {
  const weightSum = sum(weights);
  if (weights.length === 0) return [];
  if (weightSum.eq(0)) {
    const shares = weights.map(() => ZERO);
    shares[0] = total;
    return shares;
  }
  const cents = total.times(100);
  const exact = weights.map((w) => cents.times(w).div(weightSum));
  const floors = exact.map((e) => (e.gte(0) ? e.round(0, 0) : e.round(0, 0)));
  let remainder = cents.minus(sum(floors)).toNumber();
  const order = exact
    .map((e, index) => ({ index, fraction: e.minus(floors[index]!).abs() }))
    .sort((a, b) => b.fraction.cmp(a.fraction) || a.index - b.index);
  const step = remainder >= 0 ? 1 : -1;
  for (let i = 0; remainder !== 0; i = (i + 1) % order.length) {
    const target = order[i]!.index;
    floors[target] = floors[target]!.plus(step);
    remainder -= step;
  }
  return floors.map((f) => f.div(100));
};
