/**
 * Dated VAT rates of the 27 EU member states (pure data; the lookup lives in `eu-vat-rates.ts`).
 *
 * Why dated: the rate of a supply is the rate in force at its tax point (Dir. 2006/112/EC art. 63 and 93),
 * so a rate change is one more `{ from, rate }` period here, never a code change. A period runs from `from`
 * (inclusive) until the next period's `from`. Rates are decimal strings ("25.5") because they feed money
 * arithmetic (big.js), never floats.
 *
 * Kinds:
 * - `standard`: the standard rate (Dir. art. 96-97, at least 15 %).
 * - `reduced`: the member state's MAIN reduced rate, chosen as the reduced rate its law applies to ordinary
 *   foodstuffs (Annex III point 1) — the typical reduced-rate goods of a webshop. Where food is taxed at the
 *   standard rate or zero-rated, the rate for printed books (Annex III point 6) is used instead. Choices that
 *   are not obvious are explained per country. Product-level exceptions (temporary 0 % baskets, goods moved
 *   between rates) are NOT modelled here: they belong to the product → country → rate mapping (domain.md §2.1).
 *
 * Scope: the general rates of each member state's mainland territory. Regional rates (PT Azores/Madeira,
 * GR islands) and territories outside the EU VAT area (Canary Islands, Heligoland, French DOM for some
 * goods, Åland, …) are out of scope.
 *
 * Sources (stored copies of public pages, newest items from early 2026; no live access, no primary legal
 * text): European Commission "VAT rates" data as reproduced by third parties (mindlink.lv EU table, ~2025),
 * press/tax-adviser notes cited per change (vatupdate.com, vatcalc.com, marosavat.com, krgroup.eu,
 * crowe.com, chronicle.lu, orbitax.com, BDO, KPMG). Treat every entry as "from secondary sources".
 * "UNVERIFIED" marks claims no source was found for (mostly: "no change since 2018" for stable countries).
 */

export type VatRateKind = 'standard' | 'reduced';

export interface VatRatePeriod {
  /** First day (YYYY-MM-DD, inclusive) the rate applies to a tax point. */
  readonly from: string;
  /** Percentage as a decimal string, e.g. "21" or "25.5". */
  readonly rate: string;
}

export interface CountryVatRates {
  readonly standard: readonly VatRatePeriod[];
  readonly reduced: readonly VatRatePeriod[];
}

/** The table covers tax points from this date on; older supplies are out of scope (corrections > 3 years). */
export const VAT_RATE_TABLE_START = '2018-01-01';

const S = VAT_RATE_TABLE_START;

/** ISO 3166-1 alpha-2 codes of the 27 member states; Greece is `GR` here (its VAT prefix is `EL`). */
export const EU_MEMBER_STATES: readonly string[] = Object.freeze([
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
]);

export const EU_VAT_RATES: Readonly<Record<string, CountryVatRates>> = Object.freeze({
  // Austria (UStG 1994 §10). Reduced 10 % = food and books. The 2020-07-01..2021-12-31 5 % rate covered
  // gastronomy, culture and publications, not food in shops, so the food rate stayed 10. History UNVERIFIED.
  AT: { standard: [{ from: S, rate: '20' }], reduced: [{ from: S, rate: '10' }] },
  // Belgium. Reduced 6 % = food and books. From 2026-03-01 takeaway food / hotels move 6 -> 12 (easytax.co);
  // a product-level change, ordinary food stays 6. History UNVERIFIED.
  BE: { standard: [{ from: S, rate: '21' }], reduced: [{ from: S, rate: '6' }] },
  // Bulgaria. Food is taxed at the standard rate; 9 % is the only reduced rate (books, baby food, hotels).
  // Bread/flour at 0 % in 2022-2024 was a product-level measure. History UNVERIFIED.
  BG: { standard: [{ from: S, rate: '20' }], reduced: [{ from: S, rate: '9' }] },
  // Cyprus. Reduced 5 % = food and books (9 % is restaurants/hotels). History UNVERIFIED.
  CY: { standard: [{ from: S, rate: '19' }], reduced: [{ from: S, rate: '5' }] },
  // Czechia. Until 2023 food was 15 % (books 10 %); from 2024-01-01 both reduced rates merged into 12 %
  // (consolidation package; vatupdate.com, meridianglobalservices.com). Books became 0 % then (product-level).
  CZ: {
    standard: [{ from: S, rate: '21' }],
    reduced: [
      { from: S, rate: '15' },
      { from: '2024-01-01', rate: '12' },
    ],
  },
  // Germany (UStG §12). Temporary cut 2020-07-01..2020-12-31 to 16 / 5 (Zweites Corona-Steuerhilfegesetz;
  // asd-int.com, avalara.com).
  DE: {
    standard: [
      { from: S, rate: '19' },
      { from: '2020-07-01', rate: '16' },
      { from: '2021-01-01', rate: '19' },
    ],
    reduced: [
      { from: S, rate: '7' },
      { from: '2020-07-01', rate: '5' },
      { from: '2021-01-01', rate: '7' },
    ],
  },
  // Denmark has NO reduced rate (only 0 % for newspapers); food and books bear 25 %, so `reduced` equals
  // the standard rate on purpose. History UNVERIFIED.
  DK: { standard: [{ from: S, rate: '25' }], reduced: [{ from: S, rate: '25' }] },
  // Estonia. Standard 20 -> 22 (2024-01-01) -> 24 (2025-07-01; err.ee, marosavat.com). Food is taxed at the
  // standard rate (bills to cut it were rejected in 2025), so `reduced` is the books rate 9 % (13 % is hotels).
  EE: {
    standard: [
      { from: S, rate: '20' },
      { from: '2024-01-01', rate: '22' },
      { from: '2025-07-01', rate: '24' },
    ],
    reduced: [{ from: S, rate: '9' }],
  },
  // Spain (peninsula + Balearics). Reduced 10 % = ordinary food; 4 % super-reduced covers bread, milk, eggs,
  // fruit, vegetables and books (temporarily 0/2 % in 2023-2024: product-level). History UNVERIFIED.
  ES: { standard: [{ from: S, rate: '21' }], reduced: [{ from: S, rate: '10' }] },
  // Finland. Standard 24 -> 25.5 (2024-09-01). Food rate 14 -> 13.5 (2026-01-01; Finnish 2026 budget,
  // vatapi.com, vatcalc.com, BDO via vatupdate.com). Books moved 10 -> 14 in 2025, also 13.5 now.
  FI: {
    standard: [
      { from: S, rate: '24' },
      { from: '2024-09-01', rate: '25.5' },
    ],
    reduced: [
      { from: S, rate: '14' },
      { from: '2026-01-01', rate: '13.5' },
    ],
  },
  // France (metropolitan; CGI art. 278-0 bis). Reduced 5.5 % = food and books. History UNVERIFIED.
  FR: { standard: [{ from: S, rate: '20' }], reduced: [{ from: S, rate: '5.5' }] },
  // Greece (VAT prefix EL; mainland rates). Reduced 13 % = ordinary food; books/medicines are 6 %.
  // History UNVERIFIED.
  GR: { standard: [{ from: S, rate: '24' }], reduced: [{ from: S, rate: '13' }] },
  // Croatia. Reduced 5 % = bread, milk, books throughout; most other basic food (meat, fish, fruit,
  // vegetables, eggs, oils) moved 13 -> 5 on 2022-04-01 (cms-lawnow.com, crowe.com). 13 % = hotels etc.
  HR: { standard: [{ from: S, rate: '25' }], reduced: [{ from: S, rate: '5' }] },
  // Hungary. Reduced 5 % = books and basic food (milk, bread, pork, poultry, eggs); 18 % is a narrow
  // second rate; much food is at 27 %. History UNVERIFIED.
  HU: { standard: [{ from: S, rate: '27' }], reduced: [{ from: S, rate: '5' }] },
  // Ireland. Temporary standard 21 % from 2020-09-01 to 2021-02-28 (Revenue; charteredaccountants.ie).
  // Food and printed books are zero-rated, so `reduced` is the headline reduced rate 13.5 % (fuel, building
  // services, some foods); 9 % is a second rate (hospitality, newspapers).
  IE: {
    standard: [
      { from: S, rate: '23' },
      { from: '2020-09-01', rate: '21' },
      { from: '2021-03-01', rate: '23' },
    ],
    reduced: [{ from: S, rate: '13.5' }],
  },
  // Italy. Reduced 10 % = ordinary food (meat, fish, sugar, …); 4 % super-reduced covers staples (bread,
  // milk, fresh fruit/vegetables) and books. History UNVERIFIED.
  IT: { standard: [{ from: S, rate: '22' }], reduced: [{ from: S, rate: '10' }] },
  // Lithuania. Food is taxed at the standard rate, so `reduced` is the books rate: 9 % until 2025, 5 % from
  // 2026-01-01 when the 9 % rate was abolished (Law XV-287; sovos.com, meridianglobalservices.com).
  LT: {
    standard: [{ from: S, rate: '21' }],
    reduced: [
      { from: S, rate: '9' },
      { from: '2026-01-01', rate: '5' },
    ],
  },
  // Luxembourg. Temporary -1 point in 2023 on the 17/14/8 rates (Law of 26 October 2022; chronicle.lu,
  // orbitax.com; reverted 2024-01-01, Circular 812-1). Food and books bear the 3 % super-reduced rate,
  // which did not change — so `reduced` is 3, not the 8 % "reduced" rate (energy etc.).
  LU: {
    standard: [
      { from: S, rate: '17' },
      { from: '2023-01-01', rate: '16' },
      { from: '2024-01-01', rate: '17' },
    ],
    reduced: [{ from: S, rate: '3' }],
  },
  // Latvia. Most food is at 21 %. `reduced` = 12 %: the headline reduced rate, which covers the reduced
  // foods (baby food, fresh fruit/vegetables since 2024; bread/milk/poultry/eggs 2026-07-01..2027-06-30 per
  // likumi.lv via vatupdate.com). Books are 5 %. The 2018-2023 5 % rate for local produce is not modelled.
  // History before 2024 UNVERIFIED.
  LV: { standard: [{ from: S, rate: '21' }], reduced: [{ from: S, rate: '12' }] },
  // Malta. Food is zero-rated (exempt with credit), so `reduced` is the books rate 5 %. History UNVERIFIED.
  MT: { standard: [{ from: S, rate: '18' }], reduced: [{ from: S, rate: '5' }] },
  // Netherlands (Wet OB 1968 art. 9, table I). Reduced 6 -> 9 on 2019-01-01 (Belastingplan 2019).
  NL: {
    standard: [{ from: S, rate: '21' }],
    reduced: [
      { from: S, rate: '6' },
      { from: '2019-01-01', rate: '9' },
    ],
  },
  // Poland. Reduced 5 % = basic food and books (8 % is a second rate). Basic food was at 0 % from
  // 2022-02-01 to 2024-03-31 (anti-inflation shield): a product-level measure, the 5 % rate itself did not
  // change. History and the exact 0 % window UNVERIFIED.
  PL: { standard: [{ from: S, rate: '23' }], reduced: [{ from: S, rate: '5' }] },
  // Portugal (mainland). Reduced 6 % = basic food and books (13 % intermediate). The 2023 "IVA zero" basket
  // was product-level. History UNVERIFIED.
  PT: { standard: [{ from: S, rate: '23' }], reduced: [{ from: S, rate: '6' }] },
  // Romania. Standard 19 -> 21 and food rate 9 -> 11 on 2025-08-01 (Law 141/2025, Official Gazette 699 of
  // 25 July 2025; regfollower.com, vatabout.com). The 5 % (books) rate merged into 11 % at the same time.
  RO: {
    standard: [
      { from: S, rate: '19' },
      { from: '2025-08-01', rate: '21' },
    ],
    reduced: [
      { from: S, rate: '9' },
      { from: '2025-08-01', rate: '11' },
    ],
  },
  // Sweden. Reduced 12 % = food (books 6 %). Food cut to 6 % from 2026-04-01 until 2027-12-31
  // (Prop. 2025/26:55; vatupdate.com) — the scheduled return to 12 % is included; re-check if extended.
  SE: {
    standard: [{ from: S, rate: '25' }],
    reduced: [
      { from: S, rate: '12' },
      { from: '2026-04-01', rate: '6' },
      { from: '2028-01-01', rate: '12' },
    ],
  },
  // Slovenia. Reduced 9.5 % = food; books are 5 %. History UNVERIFIED.
  SI: { standard: [{ from: S, rate: '22' }], reduced: [{ from: S, rate: '9.5' }] },
  // Slovakia. Standard 20 -> 23 on 2025-01-01. The old 10 % rate (basic food, books, medicines) was replaced
  // on 2025-01-01: basic food and books went to 5 %, "other" food to the new 19 % rate (krgroup.eu,
  // crowe.com, ceelegalmatters.com). We choose 5 % as the food rate: it covers the basic foods and books that
  // were at 10 %; 19 % covers food that was at the standard 20 % before (and from 2026 high-sugar/salt
  // products moved 19 -> 23). Sources disagree on books (asd-int.com says 23 %).
  SK: {
    standard: [
      { from: S, rate: '20' },
      { from: '2025-01-01', rate: '23' },
    ],
    reduced: [
      { from: S, rate: '10' },
      { from: '2025-01-01', rate: '5' },
    ],
  },
});
