import { createHmac, randomBytes } from 'node:crypto';
import type { MetaStore } from '../../store/types';

/** What the HTTP layer knows about the person behind a request; never stored as such. */
export interface ReaderInfo {
  address: string;
  userAgent: string;
}

const DAY = 86_400_000;

/**
 * Keyed hashes that stand for a reader. The raw address and user agent are hashed with a
 * secret kept in the database and never stored.
 *
 * - `stable(reader)`: the identity for reactions, reports, bans and rate limits; a reader
 *   cannot react twice to one comment by coming back tomorrow.
 * - `daily(reader, day)`: the identity for view counting, keyed by a per-day key derived
 *   from the secret, so view records cannot be linked across days.
 */
export class ReaderIdentity {
  private constructor(private readonly secret: Buffer) {}

  static async load(meta: MetaStore): Promise<ReaderIdentity> {
    let secret = await meta.getSecret('reader');
    if (!secret) {
      secret = randomBytes(32).toString('base64');
      await meta.setSecret('reader', secret);
    }
    return new ReaderIdentity(Buffer.from(secret, 'base64'));
  }

  /** For tests: a fixed secret. */
  static fixed(secret = 'test-secret'): ReaderIdentity {
    return new ReaderIdentity(Buffer.from(secret));
  }

  stable(reader: ReaderInfo): string {
    return createHmac('sha256', this.secret).update(`r\n${reader.address}\n${reader.userAgent}`).digest('base64url').slice(0, 22);
  }

  /** The address range (/24 for IPv4, /48 for IPv6) hashed the same way, for range limits. */
  range(reader: ReaderInfo): string {
    const a = reader.address;
    const prefix = a.includes(':') ? a.split(':').slice(0, 3).join(':') : a.split('.').slice(0, 3).join('.');
    return createHmac('sha256', this.secret).update(`n\n${prefix}`).digest('base64url').slice(0, 22);
  }

  /** View identity of `reader` for `thread` under the key of the day holding `at`. */
  daily(reader: ReaderInfo, thread: string, at: number): string {
    const day = Math.floor(at / DAY);
    return createHmac('sha256', this.secret)
      .update(`v\n${day}\n${reader.address}\n${reader.userAgent}\n${thread}`)
      .digest('base64url')
      .slice(0, 22);
  }
}

export const dayStart = (at: number) => Math.floor(at / DAY) * DAY;
