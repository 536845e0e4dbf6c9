/** Rendered documents, content-addressed by SHA-256 so the hash recorded in an event proves the bytes. */
export interface StoredDocumentRef {
  readonly sha256: string;
  readonly bytes: number;
}

export interface DocumentStore {
  put(content: Buffer): Promise<StoredDocumentRef>;
  /** undefined when no document with this hash is stored. */
  get(sha256: string): Promise<Buffer | undefined>;
}
