/** Base of every error the domain raises on purpose; adapters translate driver errors into these. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldError {
  /** JSON pointer-ish path of the offending field, e.g. `lines.0.quantity`. */
  readonly field: string;
  readonly message: string;
}

/** Input or business-rule violation: retrying cannot help, a person must look. */
export class ValidationError extends DomainError {
  readonly code = 'validation_failed';
  constructor(
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
  }
}

/** An append raced with another writer on the same stream; reload and decide again. */
export class ConcurrencyError extends DomainError {
  readonly code = 'concurrency_conflict';
  constructor(
    readonly stream: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Stream ${stream}: expected revision ${expected}, found ${actual}`);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** The command is valid but contradicts what already happened (e.g. same Idempotency-Key, other body). */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
}

/** An outside dependency the decision needs is unavailable; the caller should retry later. */
export class DependencyUnavailableError extends DomainError {
  readonly code = 'dependency_unavailable';
}

/** The service asked us to slow down (HTTP 429); retry after the wait it named. */
export class RateLimitedError extends DependencyUnavailableError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/** The service refused our credentials (HTTP 401/403): retrying cannot help until a person fixes them. */
export class CredentialsRejectedError extends DomainError {
  readonly code = 'credentials_rejected';
}
