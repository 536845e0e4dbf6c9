import { ViesVatIdVerifier } from '../adapters/vies/vies-vat-id-verifier.js';
import { parseVatId } from '../domain/vat/vat-id/vat-id.js';
import type { Config } from './config.js';
import { systemClock } from './system-clock.js';

/** The VIES adapter from configuration (VIES_URL, optional requester VAT ID). */
export function viesFromConfig(config: Config): ViesVatIdVerifier {
  const requester =
    config.VIES_REQUESTER_VAT_ID === undefined ? undefined : parseVatId(config.VIES_REQUESTER_VAT_ID);
  if (config.VIES_REQUESTER_VAT_ID !== undefined && requester === undefined) {
    throw new Error('VIES_REQUESTER_VAT_ID is not a VAT identifier');
  }
  return new ViesVatIdVerifier({
    baseUrl: config.VIES_URL,
    clock: systemClock,
    ...(requester === undefined
      ? {}
      : { requester: { countryCode: requester.vatPrefix, vatNumber: requester.number } }),
  });
}
