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
 * - `daily(reader, thread, at)`: the identity for view counting, per article, keyed with a
 *   key derived from the secret for each UTC day, so without the secret one day's view
 *   records cannot be matched with another day's.
 */
export class ReaderIdentity {
  private readonly dayKeys = new Map<number, Buffer>();

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

  /**
   * View identity of `reader` for `thread` on the UTC day holding `at`, keyed with that day's
   * key (see `dayKey`). 128 bits, encoded from the first 16 bytes rather than sliced from a
   * longer string, which would keep the longer string alive in the de-duplication memory.
   */
  daily(reader: ReaderInfo, thread: string, at: number): string {
    return createHmac('sha256', this.dayKey(Math.floor(at / DAY)))
      .update(`${reader.address}\n${reader.userAgent}\n${thread}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }

  /** The view key of a UTC day, derived from the secret: a new key every day. */
  private dayKey(day: number): Buffer {
    let key = this.dayKeys.get(day);
    if (!key) {
      key = createHmac('sha256', this.secret).update(`view-day\n${day}`).digest();
      // Today's and yesterday's (the look-back just after midnight) are all that is needed.
      if (this.dayKeys.size >= 2) this.dayKeys.delete(this.dayKeys.keys().next().value!);
      this.dayKeys.set(day, key);
    }
    return key;
  }
}

export const dayStart = (at: number) => Math.floor(at / DAY) * DAY;
