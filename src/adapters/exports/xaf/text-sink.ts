import { once } from 'node:events';

/** Where the writer sends its text: a Node writable (file, HTTP response, gzip) or an async callback. */
export type TextOutput = NodeJS.WritableStream | ((chunk: string) => Promise<void>);

export interface TextSink {
  write(text: string): Promise<void>;
  /** Sends what is buffered; does not end the stream, which stays the caller's. */
  flush(): Promise<void>;
}

/**
 * Batches small fragments into ~64 KiB chunks and honours backpressure: when a stream's buffer is full the
 * writer waits for 'drain' instead of piling the whole file up in memory.
 */
export const textSink = (output: TextOutput, chunkSize = 64 * 1024): TextSink => {
  let buffered = '';
  const send = async (chunk: string): Promise<void> => {
    if (typeof output === 'function') return output(chunk);
    if (!output.write(chunk)) await once(output, 'drain');
  };
  const flush = async (): Promise<void> => {
    if (buffered === '') return;
    const chunk = buffered;
    buffered = '';
    await send(chunk);
  };
  return {
    write: async (text) => {
      buffered += text;
      if (buffered.length >= chunkSize) await flush();
    },
    flush,
  };
};
