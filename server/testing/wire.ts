import { request } from 'node:http';
import { BROWSER_UA } from '../services/views/testing';

/**
 * One request as a client sends it on a real socket (Content-Length or chunked, the body in
 * the headers' packet or after them), and what came back: for the route tests whose cases are
 * about the wire, not what `app.request` would pass along.
 */
export interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string | undefined>;
}

/** The answer headers kept (Date and the like aside). */
export const COMPARED = [
  'content-type',
  'content-length',
  'cache-control',
  'etag',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'vary',
  'x-content-type-options',
  'referrer-policy',
  'retry-after',
];

export interface Outgoing {
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body?: Buffer;
  /** Send the body with Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean;
  /** Send the headers, then the body in two parts, each a few ms later (separate packets). */
  split?: boolean;
}

export function send(port: number, out: Outgoing): Promise<Answer> {
  const headers: Record<string, string | string[]> = { 'user-agent': BROWSER_UA, ...out.headers };
  if (out.body && !out.chunked) headers['content-length'] = String(out.body.length);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: out.method, path: out.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const picked: Record<string, string | undefined> = {};
        for (const name of COMPARED) picked[name] = res.headers[name] as string | undefined;
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null, headers: picked });
      });
    });
    req.on('error', reject);
    if (out.body && out.split) {
      const body = out.body;
      req.flushHeaders();
      setTimeout(() => req.write(body.subarray(0, 5)), 15);
      setTimeout(() => req.end(body.subarray(5)), 30);
      return;
    }
    if (out.body && out.chunked) {
      req.write(out.body.subarray(0, 3));
      req.write(out.body.subarray(3));
    }
    req.end(out.body && !out.chunked ? out.body : undefined);
  });
}
