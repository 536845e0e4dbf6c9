import { describe, expect, it } from 'vitest';
import { hasValidCheckDigits, parseVatId } from '../../../src/domain/vat/vat-id/vat-id.js';

describe('parseVatId', () => {
  it('normalizes case, spaces, dots and hyphens', () => {
    expect(parseVatId(' nl 8594.98.522 b01 ')).toEqual({
      countryCode: 'NL',
      vatPrefix: 'NL',
      number: '859498522B01',
      normalized: 'NL859498522B01',
    });
    expect(parseVatId('ATU-135.856.27')?.normalized).toBe('ATU13585627');
  });

  it('maps the Greek VAT prefix EL to ISO GR and accepts GR as input', () => {
    const expected = { countryCode: 'GR', vatPrefix: 'EL', number: '094014201', normalized: 'EL094014201' };
    expect(parseVatId('EL094014201')).toEqual(expected);
    expect(parseVatId('GR 094014201')).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['123456789', 'no prefix'],
    ['GB123456782', 'not an EU member state'],
    ['XI123456782', 'Northern Ireland: not a member state, no jsvat rules'],
    ['CH123456789', 'not an EU member state'],
    ['DE1', 'number too short'],
    ['DE1234567890123', 'number too long'],
    ['DE12345678_9', 'illegal character'],
  ])('rejects %j (%s)', (raw) => {
    expect(parseVatId(raw)).toBeUndefined();
  });
});

describe('hasValidCheckDigits (jsvat 2.5.4)', () => {
  it.each([
    // Public registrations / published examples whose check digits are right.
    'NL123456782B01',
    'NL000099998B57',
    'DE136695976',
    'BE0403170701',
    'FR40303265045',
    'ATU13585627',
    'ESA28015865',
    'ESB12345674',
    'ESX1234567L',
    'IT00743110157',
    'PL5260250274',
    'EL094014201',
    'GR094014201',
    'DK13585628',
    'SE556188840401',
    'CZ25123891',
    'HU12892312',
    'IE6388047V',
    'nl 1234.56.782 b01',
  ])('accepts %s', (vatId) => {
    expect(hasValidCheckDigits(vatId)).toBe(true);
  });

  it.each([
    // The example IDs of our API docs: made-up numbers, wrong check digits (expected).
    'NL859999999B01',
    'NL859498522B01',
    // One digit off from a valid ID.
    'NL123456783B01',
    'DE136695977',
    'BE0403170702',
    'FR40303265046',
    'ATU13585628',
    'ESA28015866',
    'IT00743110158',
    'PL5260250275',
    'EL094014202',
    // Wrong format for the country.
    'NL123456782',
    'DE13669597',
    'AT13585627',
    // Not a member state, or unparseable.
    'GB123456782',
    'XI123456782',
    'EU372000041',
    '',
  ])('rejects %j', (vatId) => {
    expect(hasValidCheckDigits(vatId)).toBe(false);
  });
});
