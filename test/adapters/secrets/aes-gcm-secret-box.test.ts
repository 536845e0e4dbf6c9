import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AesGcmSecretBox } from '../../../src/adapters/secrets/aes-gcm-secret-box.js';

const key = () => randomBytes(32);

describe('AES-256-GCM secret box', () => {
  it('seals so the stored form shows nothing of the secret, and opens it again', () => {
    const box = new AesGcmSecretBox([{ id: 'k1', key: key() }]);
    const sealed = box.seal('cs_live_secret');
    expect(sealed.keyId).toBe('k1');
    expect(JSON.stringify(sealed)).not.toContain('cs_live_secret');
    expect(box.seal('cs_live_secret').sealed).not.toBe(sealed.sealed);
    expect(box.open(sealed)).toBe('cs_live_secret');
  });

  it('rotates: a new key seals, the old one still opens what it sealed', () => {
    const old = key();
    const before = new AesGcmSecretBox([{ id: 'k1', key: old }]).seal('geheim');
    const rotated = new AesGcmSecretBox([
      { id: 'k2', key: key() },
      { id: 'k1', key: old },
    ]);
    expect(rotated.open(before)).toBe('geheim');
    expect(rotated.seal('geheim').keyId).toBe('k2');
    expect(() => new AesGcmSecretBox([{ id: 'k2', key: key() }]).open(before)).toThrow(/unknown key k1/);
  });

  it('refuses altered ciphertext and a ciphertext passed off under another key id', () => {
    const k = key();
    const box = new AesGcmSecretBox([
      { id: 'a', key: k },
      { id: 'b', key: k },
    ]);
    const sealed = box.seal('geheim');
    const bytes = Buffer.from(sealed.sealed, 'base64');
    bytes[14] = bytes[14]! ^ 1;
    expect(() => box.open({ ...sealed, sealed: bytes.toString('base64') })).toThrow();
    expect(() => box.open({ ...sealed, keyId: 'b' })).toThrow();
  });

  it('reads its keys from the environment format and refuses keys of the wrong size', () => {
    const env = `k2:${key().toString('base64')}, k1:${key().toString('base64')}`;
    expect(AesGcmSecretBox.fromEnvironment(env).seal('x').keyId).toBe('k2');
    expect(() => AesGcmSecretBox.fromEnvironment(`k1:${randomBytes(16).toString('base64')}`)).toThrow(
      /32 bytes/,
    );
  });
});
