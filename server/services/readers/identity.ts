import * as crypto from 'node:crypto';
import { createHmac, randomBytes } from 'node:crypto';
import type { MetaStore } from '../../store/types';
import { addressBytes, addressRange, isMappedIPv4 } from './address-range';

/** What the HTTP layer knows about the person behind a request; never stored as such. */
export interface ReaderInfo {
  address: string;
  userAgent: string;
  /** The request's `Origin` header, when sent (which page asked: see `vetThreadMeta`). */
  origin?: string | undefined;
}

const DAY = 86_400_000;

/**
 * Keyed hashes that stand for a reader. The raw address and user agent are hashed with a
 * secret kept in the database and never stored.
 *
 * - `stable(reader)`: the identity for reactions, reports, bans and rate limits; a reader
 *   cannot react twice to one comment by coming back tomorrow.
 * - `viewer(reader, at)`: the identity of a reader for one UTC day, keyed with a key derived
 *   from the secret for that day; it keys the view rate limit and, with the article, the view
 *   de-duplication (`seenKey`, in memory only). What is saved of the latter is hashed once more
 *   (`sealed`): without the secret one day's saved views cannot be matched with another day's,
 *   nor one article's with another's.
 */
export class ReaderIdentity {
  private readonly dayKeys = new Map<number, string>();

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

  /**
   * The address range (/24 for IPv4, /48 for IPv6, compared as bits: see `addressRange`)
   * hashed the same way, for the limits and caps that weigh a network as a whole.
   */
  range(reader: ReaderInfo): string {
    return createHmac('sha256', this.secret).update(`n\n${addressRange(reader.address)}`).digest('base64url').slice(0, 22);
  }

  /**
   * The reader's address alone, without the user agent, hashed the same way: the whole IPv4
   * address, or the /64 of an IPv6 one (one home or one device: privacy extensions rotate the
   * rest every few hours). A ban made from a comment covers it, so changing the user agent
   * does not lift the ban, while the neighbours in the same /24 or /48 can still post.
   */
  host(reader: ReaderInfo): string {
    const bytes = addressBytes(reader.address);
    const host = !bytes ? `?:${reader.address}` : isMappedIPv4(bytes) ? `4:${bytes.subarray(12).join('.')}` : `6:${Buffer.from(bytes.subarray(0, 8)).toString('hex')}`;
    return createHmac('sha256', this.secret).update(`h\n${host}`).digest('base64url').slice(0, 22);
  }

  /**
   * `reader` on the UTC day holding `at`: SHA-256 of that day's key (see `dayKey`) followed by
   * the address and user agent. A keyed hash without HMAC's second pass: HMAC guards against
   * extending a message whose tag is known, and this hash never leaves memory (only the
   * `sealed` hashes of it are saved on stop). It runs on every page load, and one pass of
   * the one-shot `crypto.hash` costs a third of `createHmac` on a busy server.
   */
  viewer(reader: ReaderInfo, at: number): Viewer {
    const digest = sha256(`${this.dayKey(Math.floor(at / DAY))}${reader.address}\n${reader.userAgent}`);
    return { id: digest.toString('base64url', 0, 16), digest };
  }

  /**
   * The de-duplication key of one day's `viewer` reading the thread with database id
   * `threadId`, as the memory holds it: the viewer's 128 bits followed by the id's 48, in
   * base64url (30 characters). No second hash on a page load: the viewer is already a keyed
   * hash, and this key never leaves memory (`sealed` hashes it for the database). Encoded in
   * one piece rather than joined from two strings, which V8 would keep as two objects more
   * per entry (124 bytes an entry instead of 84).
   */
  seenKey(viewer: Viewer, threadId: number): string {
    viewer.digest.writeUIntBE(threadId, 16, 6);
    return viewer.digest.toString('base64url', 0, 22);
  }

  /**
   * A `seenKey` as the database keeps it after a clean stop: SHA-256, 128 bits. Saved viewers
   * would let anyone reading the database link one reader's views of different articles on
   * the same day; their hashes with the article cannot be linked without the secret.
   */
  sealed(seenKey: string): string {
    return sha256(seenKey).subarray(0, 16).toString('base64url');
  }

  /**
   * The address range of `reader` (as `range`) on the UTC day holding `at`, keyed with that
   * day's key like `viewer`: the key of the per-range view limits, in memory only, at the cost
   * of one hash per page load rather than an HMAC.
   */
  viewRange(reader: ReaderInfo, at: number): string {
    return sha256(`${this.dayKey(Math.floor(at / DAY))}n\n${addressRange(reader.address)}`).toString('base64url', 0, 16);
  }

  /** `seenKey` of `reader` for thread `threadId` on the UTC day holding `at`. */
  daily(reader: ReaderInfo, threadId: number, at: number): string {
    return this.seenKey(this.viewer(reader, at), threadId);
  }

  /** The key of a UTC day for `viewer`, derived from the secret (256 bits, base64, ending in a newline). */
  private dayKey(day: number): string {
    let key = this.dayKeys.get(day);
    if (!key) {
      key = `${createHmac('sha256', this.secret).update(`view-day\n${day}`).digest('base64')}\n`;
      // Today's and yesterday's (the look-back just after midnight) are all that is needed.
      if (this.dayKeys.size >= 2) this.dayKeys.delete(this.dayKeys.keys().next().value!);
      this.dayKeys.set(day, key);
    }
    return key;
  }
}

/** A reader on one UTC day (from `ReaderIdentity.viewer`). */
export interface Viewer {
  /** The first 128 bits of the hash, base64url: the key of the per-reader view limit. */
  readonly id: string;
  /** The whole SHA-256, whose bytes after the 16th `seenKey` writes over. */
  readonly digest: Buffer;
}

/** One-shot SHA-256 (`crypto.hash`, Node 20.12+), else through a Hash object. */
const sha256: (text: string) => Buffer =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'buffer') : (text) => crypto.createHash('sha256').update(text).digest();

export const dayStart = (at: number) => Math.floor(at / DAY) * DAY;
