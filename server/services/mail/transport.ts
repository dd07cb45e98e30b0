import nodemailer from 'nodemailer';
import type { MailContent } from './render';

export interface OutgoingMail extends MailContent {
  to: string;
  /** Stable per outbox row: a mail sent again after a crash is recognisably the same one. */
  messageId: string;
}

/** Sends one mail; rejects when the SMTP server did not take it (`permanent`: a 5xx answer). */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export class MailRefused extends Error {
  override name = 'MailRefused';
  constructor(
    message: string,
    /** The server said no for good (5xx): retrying would get the same answer. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * SMTP through nodemailer, one connection per mail (reply mail is rare; a pool would hold a
 * socket open for nothing). Its timeouts stay well under the outbox's lease, so a slow server
 * cannot make two instances send one mail.
 */
export function smtpTransport(url: URL, from: string, timeoutMs: number): MailTransport {
  const transport = nodemailer.createTransport({
    url: url.href,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          headers: {
            // RFC 8058: a mail client's "unsubscribe" POSTs to the URL, no page, no login.
            'List-Unsubscribe': `<${mail.unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            // RFC 3834: no auto-replies (out-of-office) back to the sender.
            'Auto-Submitted': 'auto-generated',
          },
        });
      } catch (err) {
        const e = err as { responseCode?: number; code?: string; message?: string };
        const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
        throw new MailRefused(`${e.code ?? 'SMTP'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${e.message ?? String(err)}`, permanent);
      }
    },
    close() {
      transport.close();
    },
  };
}
