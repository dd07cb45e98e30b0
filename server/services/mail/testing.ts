import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail as the sink received it: the envelope, the raw source and its parsed parts. */
export interface Received {
  to: string[];
  raw: string;
  parsed: ParsedMail;
  header(name: string): string | undefined;
}

/**
 * A real SMTP server for tests (the `smtp-server` package) on a free port of 127.0.0.1: it
 * accepts every mail and keeps it. `stop()` and `start()` take it down and bring it back on
 * the same port, for outages.
 */
export class SmtpSink {
  readonly mails: Received[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw).then(
            (parsed) => {
              this.mails.push({
                to: session.envelope.rcptTo.map((r) => r.address),
                raw,
                parsed,
                header: (name) => headerOf(raw, name),
              });
              callback();
            },
            (err: Error) => callback(err),
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): Received[] {
    return this.mails.filter((m) => m.to.includes(address));
  }
}

export interface Hit {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A real HTTP server receiving webhook events; `answers` lists the statuses to give, in turn (then 200). */
export class WebhookReceiver {
  readonly hits: Hit[] = [];
  answers: number[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const status = this.answers.shift() ?? 200;
        this.hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'no');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}

/** The links of a mail's text part that go to `path`. */
export function linksIn(mail: Received, path: string): URL[] {
  const text = mail.parsed.text ?? '';
  return [...text.matchAll(/https?:\/\/\S+/g)].map((m) => new URL(m[0])).filter((u) => u.pathname.endsWith(path));
}

/** A header's value as sent (unfolded), from the raw source: mailparser reshapes some (List-*). */
function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
