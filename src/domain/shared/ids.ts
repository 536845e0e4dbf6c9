import { v5 as uuidv5 } from 'uuid';

/** Namespace for every name-based id we derive; never change it, stored ids depend on it. */
const AUTOFACTUUR_NAMESPACE = '6f1d3c0e-2a7b-5c61-9d3e-4b8a2f0c7e15';

/** A stable UUID for a business key: the same key always gives the same id (a retry finds its own work). */
export const deterministicId = (...parts: readonly string[]): string =>
  uuidv5(parts.join('\u001f'), AUTOFACTUUR_NAMESPACE);
