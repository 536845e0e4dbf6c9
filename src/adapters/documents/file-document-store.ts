import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentStore, StoredDocumentRef } from '../../domain/ports/document-store.js';

/** Documents on disk under their SHA-256; writing the same bytes twice is harmless. */
export class FileDocumentStore implements DocumentStore {
  constructor(private readonly directory: string) {}

  async put(content: Buffer): Promise<StoredDocumentRef> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const path = this.pathOf(sha256);
    await mkdir(join(this.directory, sha256.slice(0, 2)), { recursive: true });
    // Write then rename, so a reader never sees a half-written document.
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, path);
    return { sha256, bytes: content.length };
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined;
    try {
      return await readFile(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private pathOf(sha256: string): string {
    return join(this.directory, sha256.slice(0, 2), sha256);
  }
}
