import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly from: string;
  readonly to: string[];
  readonly raw: string;
}

export interface SmtpSink {
  readonly port: number;
  readonly messages: readonly ReceivedMail[];
  stop(): Promise<void>;
}

/**
 * A real SMTP server on localhost that accepts every message and keeps it (in memory, and as
 * .eml files when a directory is given). The embedded stack uses it when no relay is configured,
 * so nothing leaves the machine by accident; tests use it to see exactly what was sent.
 */
export async function startSmtpSink(options: { port: number; directory?: string }): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  if (options.directory !== undefined) await mkdir(options.directory, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        };
        messages.push(mail);
        const saved =
          options.directory === undefined
            ? Promise.resolve()
            : writeFile(join(options.directory, `${Date.now()}-${messages.length}.eml`), raw);
        saved.then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
