import fc from 'fast-check';

/**
 * The values an attacker (or a broken client) puts where the API expects something sensible. Pools of
 * named edge cases, plus arbitraries that combine them, so every run meets the classics and some
 * combinations nobody wrote down.
 */

export const DECIMALS = [
  '1e3',
  '0.001',
  '-0',
  'NaN',
  ' 1',
  '1 ',
  '1,5',
  'Infinity',
  '-Infinity',
  '0x10',
  '1.',
  '.5',
  '+1',
  '1_000',
  '１２',
  '٣',
  '1.005',
  '-1',
  '0',
  '0.00',
  '00012.50',
  '999999999999999999999',
  '1e-7',
  '12.50\u0000',
] as const;

export const DATES = [
  '2026-02-30',
  '2026-02-29',
  '2024-02-29',
  '2026-13-01',
  '2026-00-10',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '10000-01-01',
  '2026-11-20',
  '2026-11-20T25:00:00Z',
  '2026-11-20T10:00:00+25:00',
  '2026-11-20T10:00:00+01:00',
  '2026-11-20T10:00:00-00:00',
  '2026-11-20T10:00:00',
  '2026-11-20 10:00:00Z',
  '2026-11-20T10:00:60Z',
  '2026-11-20T24:00:00Z',
  '2026-11-20T10:00:00.123456789Z',
  '2026-11-20T10:00:00Z[Europe/Amsterdam]',
  '2026-11-20T10:00:00 Europe/Amsterdam',
  '+012026-11-20T10:00:00Z',
  '-000001-01-01T00:00:00Z',
  '0000-01-01T00:00:00+14:00',
  '9999-12-31T23:59:59-12:00',
  '1970-01-01T00:00:00Z',
  '20261120',
  '2026-W47-5',
  '2026-11',
  '2026-Q4',
  '2026-Q5',
  '0000-Q1',
  '9999-12',
  '2026-1',
] as const;

export const TIME_ZONES = [
  'Europe/Amsterdam',
  'Mars/Olympus_Mons',
  'UTC+25',
  'Etc/GMT+14',
  '+25:00',
] as const;
export const COUNTRIES = [
  'XX',
  'ZZ',
  'nl',
  'NLD',
  'EU',
  'UK',
  'EL',
  'AA',
  'N',
  'Nl',
  '🇳🇱',
  'N\u0301L',
] as const;
export const CURRENCIES = [
  'XYZ',
  'eur',
  'EURO',
  'HRK',
  'XXX',
  'XAU',
  'BTC',
  '€',
  'ZWL',
  'E\u200BUR',
] as const;

/** Pieces of text that break renderers, XML, databases and length checks. */
export const UNICODE_FRAGMENTS = [
  'e\u0301',
  '\u0301',
  'a\u0308\u0323',
  '\u202Eevil\u202C',
  '\u202E',
  '😀',
  '👩\u200D💻',
  '🇳🇱',
  '❤️',
  '\uD800',
  '\uDC00',
  '\uDBFF\uDBFF',
  '\u0000',
  '\u0007',
  '\u001B[31m',
  '\u007F',
  '\u0085',
  '\u009F',
  '\u200B',
  '\u200C',
  '\u200D',
  '\uFEFF',
  '\u2060',
  '\u00AD',
  '\uFFFE',
  '\uFFFF',
  '\uFFFD',
  '\r\n',
  '\t',
  '\u2028',
  '\u3000',
  '𝕳𝖊𝖑𝖑𝖔',
  '東京',
  'עברית',
  'مرحبا',
  'Ørsted',
  'Łódź',
  'ﬁ',
  'Å',
  'Z̴̡̧a̷l̶g̸o',
  '<script>',
  '&amp;',
  ']]>',
  '"\'',
  "'; drop table events; --",
  '%00',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4j-style lookup, as an attacker types it
  '${jndi:ldap://x}',
  '{{7*7}}',
  '../..',
  ' ',
] as const;

export const WEIRD_STRINGS = [
  '',
  ' ',
  'null',
  'undefined',
  'true',
  '[object Object]',
  '__proto__',
  'constructor',
  ...UNICODE_FRAGMENTS,
] as const;

/** Values of the wrong JSON type for any field. */
export const WRONG_TYPES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  12.5,
  -0,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  {},
  [null],
  { a: 1 },
  [[[]]],
  '',
];

/** A free text made of edge fragments and plain letters, e.g. "Zo\u0301e 😀\u0000 &amp;". */
export const edgeText = (maxFragments = 6): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...UNICODE_FRAGMENTS) },
        { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 6 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }) },
      ),
      { minLength: 1, maxLength: maxFragments },
    )
    .map((parts) => parts.join(''));

/** Long strings, from just over typical limits to most of a megabyte. */
export const hugeString = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.integer({ min: 101, max: 5_000 }).map((n) => 'x'.repeat(n)),
    fc.integer({ min: 201, max: 2_000 }).map((n) => '😀'.repeat(n)),
    fc.integer({ min: 100_000, max: 900_000 }).map((n) => 'a'.repeat(n)),
    fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'e\u0301'.repeat(n)),
  );

/** Any value a field might be fuzzed with. */
export const fuzzValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...WRONG_TYPES) },
    { weight: 3, arbitrary: fc.constantFrom(...DECIMALS) },
    { weight: 3, arbitrary: fc.constantFrom(...DATES) },
    { weight: 1, arbitrary: fc.constantFrom(...TIME_ZONES) },
    { weight: 2, arbitrary: fc.constantFrom(...COUNTRIES) },
    { weight: 2, arbitrary: fc.constantFrom(...CURRENCIES) },
    { weight: 3, arbitrary: fc.constantFrom(...WEIRD_STRINGS) },
    { weight: 4, arbitrary: edgeText() },
    { weight: 1, arbitrary: hugeString() },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.double() },
  );

/** Keys nobody declared: plain, prototype-polluting, empty, unicode, long. */
export const EXTRA_KEYS = [
  'extra',
  'isAdmin',
  'tenantId',
  'id',
  '__proto__',
  'constructor',
  'prototype',
  '',
  '😀',
  'a\u0000b',
  '\uD800',
  'k'.repeat(1_000),
  '$where',
] as const;

/** A JSON text nested `depth` levels deep (arrays or objects), as a raw string. */
export const deepJson = (depth: number, kind: 'array' | 'object'): string =>
  kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** A string shown in a report: escaped and cut, so a megabyte of "a" stays one line. */
export const preview = (value: unknown, max = 160): string => {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  const escaped = text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length <= max ? escaped : `${escaped.slice(0, max)}…(${escaped.length} chars)`;
};
