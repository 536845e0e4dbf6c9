import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../src/adapters/exports/audit-trail/canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ z: true, y: null }, 'x'], c: { e: 'é', d: -0.5 } })).toBe(
      '{"a":[{"y":null,"z":true},"x"],"b":1,"c":{"d":-0.5,"e":"é"}}',
    );
  });

  it('sorts by UTF-16 code units, as RFC 8785 does (a surrogate pair sorts before U+E000…U+FFFF)', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, '€': 4, '\uFB00': 5, '😀': 6, '': 7 })).toBe(
      '{"":7,"Z":3,"z":2,"é":1,"€":4,"😀":6,"\uFB00":5}',
    );
  });

  it('writes bigints as strings, dates as ISO strings, and leaves out undefined members', () => {
    expect(
      canonicalJson({ position: 12345678901234567890n, at: new Date(0), gone: undefined, list: [undefined] }),
    ).toBe('{"at":"1970-01-01T00:00:00.000Z","list":[null],"position":"12345678901234567890"}');
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson(Symbol('s'))).toThrow(TypeError);
  });

  it('is a fixed point of parse-and-serialise and agrees with JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
