import nodemailer, { type Transporter } from 'nodemailer';
import type { Mailer, OutgoingMail } from '../../domain/ports/mailer.js';
import { DependencyUnavailableError } from '../../domain/shared/errors.js';

/** nodemailer's codes for a relay it could not reach or lost (as opposed to a refused message). */
const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET']);

/** Sends through any SMTP relay (SMTP_URL, e.g. smtp://user:pass@smtp.example.com:587). */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    try {
      return await this.sendNow(mail);
    } catch (error) {
      // The relay is down or unreachable: an outage to wait out (and retry), not a bug.
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && UNREACHABLE.has(code)) {
        throw new DependencyUnavailableError(`SMTP relay unreachable (${code}): ${(error as Error).message}`);
      }
      throw error;
    }
  }

  private async sendNow(mail: OutgoingMail): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      attachments: mail.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
      })),
    });
    return { messageId: info.messageId };
  }

  close(): void {
    this.transport.close();
  }
}
