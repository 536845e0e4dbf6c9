import fc from 'fast-check';
import { create } from 'xmlbuilder2';
import { validateEInvoice } from '../../src/adapters/einvoice-validation/validate-einvoice.js';
import { validateXafAgainstXsd } from '../../src/adapters/exports/xaf/xaf-xsd.js';
import { sanitizeXmlText, truncateChars } from '../../src/adapters/exports/xaf/xml-text.js';
import { fontRuns } from '../../src/adapters/rendering/fonts/font-fallback.js';
import { cleanText } from '../../src/domain/shared/text.js';
import { pdfPageTexts } from '../adapters/rendering/pdf-text.js';
import { orderBody } from '../support/test-stack.js';
import { preview, UNICODE_FRAGMENTS } from './fuzz-values.js';

/** The customer-supplied text of one round-trip order, as sent. */
export interface RoundTripText {
  readonly name: string;
  readonly companyName: string;
  readonly street: string;
  readonly city: string;
  readonly descriptions: readonly [string, string];
}

/**
 * Edge text that still names something: a plain word first (so cleaning never leaves it empty), then
 * combining marks, RTL overrides, emoji, lone surrogates, NUL and other controls, zero-width
 * characters, XML specials. Right-to-left scripts are left out: a PDF stores them in visual order.
 */
const FRAGMENTS = UNICODE_FRAGMENTS.filter((fragment) => !/[\u0590-\u06FF]/.test(fragment));
const edgeName = (maxParts: number) =>
  fc
    .tuple(
      fc.constantFrom('Zoë', 'Jan', 'Ørsted', 'Łódź', '東京', 'Café', 'Ana'),
      fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ minLength: 1, maxLength: 4 })), {
        minLength: 1,
        maxLength: maxParts,
      }),
    )
    .map(([word, parts]) => `${word} ${parts.join('')}`);

export const roundTripTextArb: fc.Arbitrary<RoundTripText> = fc.record({
  name: edgeName(5),
  companyName: edgeName(5),
  street: edgeName(4),
  city: edgeName(3),
  descriptions: fc.tuple(edgeName(6), edgeName(6)),
});

export const roundTripOrder = (index: number, text: RoundTripText) =>
  orderBody(`round-trip-${index}`, {
    customer: {
      name: text.name,
      companyName: text.companyName,
      email: `round-trip-${index}@example.nl`,
      address: { street: text.street, postalCode: '1012 LG', city: text.city, countryCode: 'NL' },
    },
    lines: [
      {
        sku: `RT-${index}-1`,
        description: text.descriptions[0],
        quantity: '2',
        unitPrice: '12.50',
        vatClass: 'reduced',
      },
      {
        sku: `RT-${index}-2`,
        description: text.descriptions[1],
        quantity: '1',
        unitPrice: '8.00',
        vatClass: 'standard',
      },
    ],
    // The first is left unpaid, so the fuzzer has an invoice to record payments against.
    ...(index === 0 ? { payment: { status: 'unpaid' } } : {}),
  });

const fields = (text: RoundTripText) =>
  [
    ['name', text.name],
    ['companyName', text.companyName],
    ['street', text.street],
    ['city', text.city],
    ['description 1', text.descriptions[0]],
    ['description 2', text.descriptions[1]],
  ] as const;

/** Text of every element (parsed back, so unescaped), by local name. */
const elementTexts = (xml: string): Map<string, string[]> => {
  const texts = new Map<string, string[]>();
  create(xml)
    .root()
    .each(
      (node) => {
        const element = node.node as unknown as {
          localName?: string;
          textContent: string;
          childElementCount?: number;
        };
        if (element.localName === undefined || (element.childElementCount ?? 0) > 0) return;
        texts.set(element.localName, [...(texts.get(element.localName) ?? []), element.textContent]);
      },
      true,
      true,
    );
  return texts;
};

/** The UBL passes the product's e-invoice validation and carries every text exactly as cleaned. */
export async function checkUbl(ubl: string, text: RoundTripText): Promise<string[]> {
  const problems: string[] = [];
  const verdict = await validateEInvoice(ubl);
  if (!verdict.valid)
    problems.push(`UBL invalid: ${verdict.errors.map((e) => `${e.ruleId} ${e.message}`).join('; ')}`);
  const all = new Set([...elementTexts(ubl).values()].flat());
  for (const [field, value] of fields(text)) {
    const expected = cleanText(value);
    if (!all.has(expected)) problems.push(`UBL lacks ${field} ${preview(expected)}`);
  }
  return problems;
}

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
/**
 * What a PDF reader can compare: compatibility forms folded (a PDF extractor turns "ﬁ" into "fi"),
 * invisible format characters and all white space dropped (line breaks fall where the layout wants).
 */
const comparable = (value: string) =>
  value.normalize('NFKC').replace(DEFAULT_IGNORABLE, '').replace(/\s+/gu, '');

/** The PDF shows every text as cleaned, with what no embedded font can draw as U+FFFD. */
export async function checkPdf(pdf: Buffer, text: RoundTripText): Promise<string[]> {
  const problems: string[] = [];
  const extracted = comparable((await pdfPageTexts(pdf)).join('\n'));
  for (const [field, value] of fields(text)) {
    const drawn = fontRuns(cleanText(value))
      .map((run) => run.text)
      .join('');
    if (!extracted.includes(comparable(drawn))) {
      problems.push(`PDF lacks ${field} ${preview(comparable(drawn))} in ${preview(extracted, 400)}`);
    }
  }
  return problems;
}

/**
 * The auditfile is valid against the XAF 3.2 XSD and names each customer with its company name, street
 * and city as cleaned (cut to the XSD maximum on a character boundary).
 */
export async function checkXaf(xml: string, texts: readonly RoundTripText[]): Promise<string[]> {
  const problems: string[] = [];
  const xsd = await validateXafAgainstXsd(xml);
  if (!xsd.valid) problems.push(`XAF invalid: ${xsd.errors.slice(0, 5).join('; ')}`);
  const parsed = elementTexts(xml);
  const expect = (element: string, value: string, max: number | undefined) => {
    const expected =
      max === undefined
        ? sanitizeXmlText(cleanText(value))
        : truncateChars(sanitizeXmlText(cleanText(value)), max);
    if (!(parsed.get(element) ?? []).includes(expected))
      problems.push(`XAF lacks ${element} ${preview(expected)}`);
  };
  for (const text of texts) {
    expect('custSupName', text.companyName, 50);
    expect('streetname', text.street, undefined);
    expect('city', text.city, 50);
  }
  return problems;
}
