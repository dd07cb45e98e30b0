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

  /** The key of `sealed` (32 bytes derived from the secret), then room for the 8 bytes it seals. */
  private readonly sealInput: Buffer;

  private constructor(private readonly secret: Buffer) {
    this.sealInput = Buffer.alloc(40);
    createHmac('sha256', secret).update('view-seal').digest().copy(this.sealInput);
  }

  static async load(meta: MetaStore): Promise<ReaderIdentity> {
    let secret = await meta.getSecret('reader');
    if (!secret) {
      await meta.setSecret('reader', randomBytes(32).toString('base64'));
      // Read back: another instance starting at the same moment may have stored its own first,
      // and every instance must hash readers alike (docs/scale.md).
      secret = await meta.getSecret('reader');
      if (!secret) throw new Error('the reader secret could not be stored');
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
   * the one-shot `crypto.hash` costs a fraction of `createHmac`.
   */
  viewer(reader: ReaderInfo, at: number): Viewer {
    const digest = sha256(`${this.dayKey(Math.floor(at / DAY))}${reader.address}\n${reader.userAgent}`);
    return {
      digest,
      get id() {
        return digest.toString('base64url', 0, 16);
      },
    };
  }

  /**
   * The de-duplication key of one day's `viewer` reading the thread with database id
   * `threadId`, as the memory holds it: 64 bits (two unsigned 32-bit halves, written to
   * `out`), the viewer's first 64 bits with the thread id mixed in. Mixed by multiplying with
   * odd constants, a one-to-one map, so one reader's keys of two articles always differ; two
   * readers' keys meet with a chance of 2^-64 per pair, and nobody can aim for it without the
   * secret. No second hash on a page load: the viewer is already a keyed hash, and this key
   * never leaves memory (`sealed` hashes it for the database).
   */
  seenKey(viewer: Viewer, threadId: number, out: SeenKey = [0, 0]): SeenKey {
    const lo = threadId >>> 0;
    const hi = Math.floor(threadId / 2 ** 32) >>> 0;
    out[0] = (viewer.digest.readUInt32LE(0) ^ Math.imul(lo, 0x9e3779b1)) >>> 0;
    out[1] = (viewer.digest.readUInt32LE(4) ^ Math.imul(hi, 0x85ebca6b)) >>> 0;
    return out;
  }

  /**
   * A `seenKey` as the database keeps it after a clean stop: SHA-256 under a key derived from
   * the secret, 64 bits kept (base64url, 11 characters). Saved viewers would let anyone reading
   * the database link one reader's views of different articles on the same day; these hashes
   * cannot be linked, nor (being keyed) searched for, without the secret.
   */
  sealed(key: SeenKey): string {
    return this.sealedBytes(key).toString('base64url', 0, 8);
  }

  /** `sealed` as bytes (the first 8 are the saved hash). */
  sealedBytes(key: SeenKey): Buffer {
    const input = this.sealInput;
    input.writeUInt32LE(key[0], 32);
    input.writeUInt32LE(key[1], 36);
    return sha256(input);
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
  daily(reader: ReaderInfo, threadId: number, at: number, out: SeenKey = [0, 0]): SeenKey {
    return this.seenKey(this.viewer(reader, at), threadId, out);
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
  /** The first 128 bits of the hash, base64url (made when asked: a page load needs only `digest`). */
  readonly id: string;
  /** The whole SHA-256 (`seenKey` reads its first 64 bits, the view limit the next 64). */
  readonly digest: Buffer;
}

/** A de-duplication key: two unsigned 32-bit halves (see `ReaderIdentity.seenKey`). */
export type SeenKey = [number, number];

/** One-shot SHA-256 (`crypto.hash`, Node 20.12+), else through a Hash object. */
const sha256: (data: string | Buffer) => Buffer =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'buffer') : (text) => crypto.createHash('sha256').update(text).digest();

export const dayStart = (at: number) => Math.floor(at / DAY) * DAY;
