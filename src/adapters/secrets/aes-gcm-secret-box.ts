import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedSecret } from '../../domain/channel/channel.js';
import type { SecretBox } from '../../domain/ports/secret-box.js';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with keys from the environment, e.g. `SECRETS_KEYS="k2:<base64 32 bytes>,k1:<…>"`:
 * the first key seals, every listed key opens, so a key is rotated by putting a new one in front
 * and keeping the old one until every secret has been sealed again.
 */
export class AesGcmSecretBox implements SecretBox {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly currentKeyId: string;

  constructor(keys: readonly { id: string; key: Buffer }[]) {
    if (keys.length === 0) throw new Error('AesGcmSecretBox needs at least one key');
    for (const { id, key } of keys) {
      if (key.length !== 32)
        throw new Error(`Secret key ${id} must be 32 bytes (AES-256), got ${key.length}`);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id))
        throw new Error(`Secret key id "${id}" must be [A-Za-z0-9_-]{1,32}`);
    }
    this.keys = new Map(keys.map(({ id, key }) => [id, key]));
    this.currentKeyId = keys[0]!.id;
  }

  /** Parses "id:base64,id:base64". */
  static fromEnvironment(value: string): AesGcmSecretBox {
    return new AesGcmSecretBox(
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)
        .map((entry) => {
          const [id, encoded] = entry.split(':');
          if (id === undefined || encoded === undefined)
            throw new Error('SECRETS_KEYS entries are "<id>:<base64>"');
          return { id, key: Buffer.from(encoded, 'base64') };
        }),
    );
  }

  seal(plaintext: string): SealedSecret {
    const key = this.keys.get(this.currentKeyId)!;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    // The key id is authenticated too: a ciphertext cannot be passed off as sealed by another key.
    cipher.setAAD(Buffer.from(this.currentKeyId));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      keyId: this.currentKeyId,
      sealed: Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64'),
    };
  }

  open({ keyId, sealed }: SealedSecret): string {
    const key = this.keys.get(keyId);
    if (key === undefined) throw new Error(`Secret sealed with unknown key ${keyId}`);
    const bytes = Buffer.from(sealed, 'base64');
    const nonce = bytes.subarray(0, NONCE_BYTES);
    const tag = bytes.subarray(bytes.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }
}
