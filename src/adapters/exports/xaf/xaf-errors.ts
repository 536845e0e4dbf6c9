/**
 * Two kinds of failure, kept apart on purpose. An input error is a value the XSD cannot carry (a 36-character
 * account id, an amount with three decimals): the writer stops at once. A consistency error is a file that
 * would be XSD-valid but wrong for an auditor (a line on an unknown account, an unbalanced transaction):
 * those are collected while streaming and reported together at the end.
 */
export class XafInputError extends Error {
  override readonly name = 'XafInputError';
}

export class XafConsistencyError extends Error {
  override readonly name = 'XafConsistencyError';

  constructor(readonly errors: readonly string[]) {
    super(`XAF auditfile is inconsistent (${errors.length} problem(s)): ${errors.slice(0, 5).join('; ')}`);
  }
}
