import type { SealedSecret } from '../channel/channel.js';

/** Seals secrets (channel credentials) before they are stored; opens them only where they are used. */
export interface SecretBox {
  seal(plaintext: string): SealedSecret;
  /** Throws when the key it was sealed with is unknown or the ciphertext was altered. */
  open(sealed: SealedSecret): string;
}
