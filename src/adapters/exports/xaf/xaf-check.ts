import type { XafCheckResult } from './xaf-consistency.js';
import { XafConsistencyError, XafInputError } from './xaf-errors.js';
import type { XafInput } from './xaf-model.js';
import { writeXaf } from './xaf-writer.js';

/**
 * Checks an input without keeping the file: one pass of the writer into a sink that discards, so the checks
 * are exactly the ones a real export runs (and the iterables are consumed — pass fresh ones to writeXaf).
 * A value the XSD cannot carry is reported as the single error, since the writer stops there.
 */
export async function checkXafReferences(input: XafInput): Promise<XafCheckResult> {
  try {
    await writeXaf(input, async () => {});
    return { ok: true, errors: [] };
  } catch (error) {
    if (error instanceof XafConsistencyError) return { ok: false, errors: error.errors };
    if (error instanceof XafInputError) return { ok: false, errors: [error.message] };
    throw error;
  }
}
