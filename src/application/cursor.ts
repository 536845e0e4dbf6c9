import { ValidationError } from '../domain/shared/errors.js';

/** Opaque cursor over a read model's `seq` column (the global position that created the row). */
export const encodeCursor = (seq: string): string => Buffer.from(`seq:${seq}`).toString('base64url');

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const match = /^seq:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null)
    throw new ValidationError('Invalid cursor', [
      { field: 'querystring.cursor', message: 'is not a cursor from this API' },
    ]);
  return match[1];
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}
