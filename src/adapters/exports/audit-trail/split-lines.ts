/**
 * Splits a byte stream (stdin, a file) into lines for `verifyAuditTrail`. Deliberately stricter than
 * node:readline: only LF ends a line (a CR stays in the line, where the canonical-form check sees it), and
 * bytes that are not UTF-8 throw instead of silently becoming U+FFFD, so a flipped byte cannot vanish in
 * decoding. A final line without LF is still yielded; the empty string after a final LF is not.
 */
export async function* splitLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let pending = '';
  for await (const chunk of chunks) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let newline = pending.indexOf('\n'); newline !== -1; newline = pending.indexOf('\n', start)) {
      yield pending.slice(start, newline);
      start = newline + 1;
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  if (pending !== '') yield pending;
}
