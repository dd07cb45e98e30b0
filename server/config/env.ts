import { z } from 'zod';
import { MODERATION_MODES, type ModerationMode } from '../../contract';

/**
 * The server's configuration, parsed once from the environment at start.
 * Nothing else in the server reads `process.env`: everything receives a `Config`.
 */
export interface Config {
  port: number;
  host: string;
  dbPath: string;
  /** `FOOTNOTE_DATABASE_URL`: PostgreSQL instead of the SQLite file at `dbPath` when set. */
  databaseUrl: string | null;
  /** Connections each instance keeps to PostgreSQL at most. */
  databasePool: number;
  adminToken: string | null;
  /** `'*'` or the exact origins allowed to embed and post. */
  origins: '*' | string[];
  moderation: ModerationMode;
  /** Take the reader's address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
  /** Reports that hide a comment until a moderator decides. */
  reportThreshold: number;
  rateLimits: RateLimitConfig;
  /** How much one address range (a /24 or a /48: an office, a subnet) may weigh. */
  ranges: RangeConfig;
  /** Minimum milliseconds between rendering the form and posting (bots post instantly). */
  minFormMillis: number;
  /** Most bytes an import reads from one file, after decompression (docs/data.md). */
  importMaxBytes: number;
  /**
   * The server's public base URL (FOOTNOTE_PUBLIC_URL), e.g. `https://comments.news.example`;
   * when set, requests for another Host are refused and the server's own origin is its origin.
   */
  publicUrl: URL | null;
  connections: ConnectionConfig;
  /** Sign-in from the newsroom's own accounts (docs/sso.md). */
  sso: SsoConfig;
  /** Reply mail and webhooks (docs/mail.md); each part is null when not configured. */
  mail: MailConfig;
}

/**
 * The public secret of the demo's "sign in as a reader / as staff" switch (`npm run demo`).
 * Anyone can read it here, so anyone can sign in as staff with it: the server says so at
 * start, and refuses it next to FOOTNOTE_PUBLIC_URL (a production set-up).
 */
export const DEMO_SSO_SECRET = 'footnote-public-demo-secret-never-use-in-production';

/** Sign-in with the newsroom's accounts, and what trust a commenter must earn. */
export interface SsoConfig {
  /** The HS256 secret shared with the newsroom's login (FOOTNOTE_SSO_SECRET); null: no sign-in. */
  secret: string | null;
  /** The secret is `DEMO_SSO_SECRET`: the demo page may mint tokens (`POST /api/v1/demo/sign-in`). */
  demo: boolean;
  /** Whether guests (not signed in) may post, react and report (FOOTNOTE_GUESTS). */
  guests: boolean;
  /** A commenter's comments are held until this many of theirs are published (FOOTNOTE_PREMOD_FIRST). */
  premodFirst: number;
  /** A thread closes this many days after it began; 0: never (FOOTNOTE_AUTO_CLOSE_DAYS). */
  autoCloseDays: number;
}

/** Where mail goes and events are POSTed; null parts are switched off. */
export interface MailConfig {
  /** `smtp://user:pass@host:port` or `smtps://…` (FOOTNOTE_SMTP_URL); null: no mail at all. */
  smtpUrl: URL | null;
  /** The From address (FOOTNOTE_MAIL_FROM), required with SMTP. */
  from: string | null;
  /** Where webhook events are POSTed (FOOTNOTE_WEBHOOK_URL); null: none. */
  webhookUrl: URL | null;
  /** Signs the events (FOOTNOTE_WEBHOOK_SECRET), required with a webhook URL. */
  webhookSecret: string | null;
}

/** How many sockets and live streams the server holds, and how long it waits for a client. */
export interface ConnectionConfig {
  /** Open sockets at most (`server.maxConnections`); more are closed at once. */
  maxConnections: number;
  /** Live event streams at most, in all. */
  maxStreams: number;
  /** Live event streams at most from one address range (IPv4 /24, IPv6 /48). */
  streamsPerRange: number;
  /** Milliseconds a client has to send complete request headers (`server.headersTimeout`). */
  headersTimeoutMs: number;
  /** Milliseconds a client has to send a whole request, body included (`server.requestTimeout`). */
  requestTimeoutMs: number;
  /** Milliseconds an idle keep-alive socket is kept open between requests. */
  keepAliveTimeoutMs: number;
}

export interface RateLimitConfig {
  /** Posts per reader: at most one per `postIntervalSec`, and `postsPerHour`. */
  postIntervalSec: number;
  postsPerHour: number;
  reactionsPerMinute: number;
  reportsPerHour: number;
  viewsPerMinute: number;
}

/** Limits and caps per address range (docs/security.md, "Address ranges"). */
export interface RangeConfig {
  /** Page loads per range per minute (429 past it); default 50 readers' worth. */
  viewsPerMinute: number;
  /** Distinct readers of a range counted per article per 30 minutes; past it views are answered, not counted. */
  readersPerArticle: number;
  /** Reactions per range per minute (429 past it); default 10 readers' worth. */
  reactionsPerMinute: number;
  /** Reactions of a range that count on one comment; past it they are kept, not counted. */
  reactionsPerComment: number;
  /** Reports per range per hour (429 past it); default 10 readers' worth. */
  reportsPerHour: number;
}

/** Thrown when a variable cannot be used; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const intIn = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

/** An optional URL of one of `protocols`; empty or unset reads as null. */
function optionalUrl(protocols: readonly string[], message: string) {
  return z
    .string()
    .optional()
    .transform((v, ctx): URL | null => {
      if (!v?.trim()) return null;
      const url = URL.canParse(v.trim()) ? new URL(v.trim()) : null;
      if (!url || !protocols.includes(url.protocol) || !url.hostname) {
        ctx.addIssue({ code: 'custom', message });
        return null;
      }
      return url;
    });
}

const schema = {
  PORT: intIn(0, 65535).default(8787),
  HOST: z.string().trim().min(1, 'must not be empty').default('127.0.0.1'),
  FOOTNOTE_DB: z.string().trim().min(1, 'must not be empty').default('./data/footnote.db'),
  FOOTNOTE_DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : null))
    .refine((v) => v === null || /^postgres(ql)?:\/\/./.test(v), 'must be a PostgreSQL URL like postgres://user@host:5432/footnote'),
  FOOTNOTE_DATABASE_POOL: intIn(1, 1000).default(10),
  FOOTNOTE_ADMIN_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : null))
    // A token is guessed, not cracked: 32 random characters put it out of reach of any rate.
    .refine((v) => v === null || v.length >= 32, 'must be at least 32 characters (make one with: openssl rand -hex 32)'),
  FOOTNOTE_ORIGINS: z
    .string()
    .default('*')
    .transform((v, ctx): '*' | string[] => {
      const list = v.split(',').map((s) => s.trim()).filter(Boolean);
      if (list.length === 0 || list.includes('*')) return '*';
      for (const origin of list) {
        if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
          ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin like https://news.example.com` });
        }
      }
      return list;
    }),
  FOOTNOTE_MODERATION: z.enum(MODERATION_MODES, { error: 'must be "pre" or "post"' }).default('post'),
  FOOTNOTE_TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'], { error: 'must be 1 or 0' })
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  FOOTNOTE_REPORT_THRESHOLD: intIn(1, 1000).default(3),
  FOOTNOTE_POST_INTERVAL_SEC: intIn(0, 3600).default(3),
  FOOTNOTE_POSTS_PER_HOUR: intIn(1, 100000).default(30),
  FOOTNOTE_REACTIONS_PER_MINUTE: intIn(1, 100000).default(30),
  FOOTNOTE_REPORTS_PER_HOUR: intIn(1, 100000).default(20),
  FOOTNOTE_VIEWS_PER_MINUTE: intIn(1, 1000000).default(120),
  FOOTNOTE_MIN_FORM_MS: intIn(0, 600000).default(1500),
  // 512 MiB holds a big site's Disqus export; a larger archive raises it, a gzip bomb stops there.
  FOOTNOTE_IMPORT_MAX_BYTES: intIn(1024, Number.MAX_SAFE_INTEGER).default(512 * 1024 * 1024),
  FOOTNOTE_RANGE_VIEWS_PER_MINUTE: intIn(1, 100000000).optional(),
  FOOTNOTE_RANGE_READERS_PER_ARTICLE: intIn(1, 1000000).default(500),
  FOOTNOTE_RANGE_REACTIONS_PER_MINUTE: intIn(1, 10000000).optional(),
  FOOTNOTE_RANGE_REACTIONS_PER_COMMENT: intIn(1, 1000000).default(10),
  FOOTNOTE_RANGE_REPORTS_PER_HOUR: intIn(1, 10000000).optional(),
  FOOTNOTE_PUBLIC_URL: z
    .string()
    .optional()
    .transform((v, ctx): URL | null => {
      if (!v?.trim()) return null;
      const url = URL.canParse(v.trim()) ? new URL(v.trim()) : null;
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) {
        ctx.addIssue({ code: 'custom', message: 'is not a base URL like https://comments.news.example' });
        return null;
      }
      return url;
    }),
  FOOTNOTE_MAX_CONNECTIONS: intIn(1, 1_000_000).default(11_000),
  FOOTNOTE_MAX_STREAMS: intIn(0, 1_000_000).default(10_000),
  FOOTNOTE_STREAMS_PER_RANGE: intIn(1, 1_000_000).default(500),
  FOOTNOTE_HEADERS_TIMEOUT_MS: intIn(100, 600_000).default(10_000),
  FOOTNOTE_REQUEST_TIMEOUT_MS: intIn(100, 3_600_000).default(120_000),
  FOOTNOTE_KEEP_ALIVE_TIMEOUT_MS: intIn(100, 600_000).default(5_000),
  FOOTNOTE_SSO_SECRET: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : null))
    // HS256 is only as strong as its secret: RFC 7518 asks for at least 256 bits.
    .refine((v) => v === null || v.length >= 32, 'must be at least 32 characters (make one with: openssl rand -hex 32)'),
  FOOTNOTE_GUESTS: z
    .enum(['on', 'off', '1', '0', 'true', 'false'], { error: 'must be "on" or "off"' })
    .default('on')
    .transform((v) => v === 'on' || v === '1' || v === 'true'),
  FOOTNOTE_PREMOD_FIRST: intIn(0, 1000).default(0),
  FOOTNOTE_AUTO_CLOSE_DAYS: intIn(0, 36500).default(0),
  FOOTNOTE_SMTP_URL: optionalUrl(['smtp:', 'smtps:'], 'is not an SMTP URL like smtp://user:pass@mail.example.com:587 (or smtps://…)'),
  FOOTNOTE_MAIL_FROM: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : null))
    // Either a bare address or `Name <address>`: what nodemailer and every mail server read.
    .refine((v) => v === null || /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(v), 'is not a From address like "Comments <comments@news.example>"'),
  FOOTNOTE_WEBHOOK_URL: optionalUrl(['http:', 'https:'], 'is not an http(s) URL like https://hooks.news.example/footnote'),
  FOOTNOTE_WEBHOOK_SECRET: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : null))
    // Receivers check signatures with it: as hard to guess as the admin token.
    .refine((v) => v === null || v.length >= 32, 'must be at least 32 characters (make one with: openssl rand -hex 32)'),
} as const;

export type Env = Record<string, string | undefined>;

/** Variables whose value a start-up error must not print. */
const SECRETS = new Set<string>(['FOOTNOTE_ADMIN_TOKEN', 'FOOTNOTE_SSO_SECRET', 'FOOTNOTE_WEBHOOK_SECRET', 'FOOTNOTE_SMTP_URL', 'FOOTNOTE_DATABASE_URL']);

type Read = <K extends keyof typeof schema>(name: K) => z.output<(typeof schema)[K]>;

function connections(read: Read): ConnectionConfig {
  const c = {
    maxConnections: read('FOOTNOTE_MAX_CONNECTIONS'),
    maxStreams: read('FOOTNOTE_MAX_STREAMS'),
    streamsPerRange: read('FOOTNOTE_STREAMS_PER_RANGE'),
    headersTimeoutMs: read('FOOTNOTE_HEADERS_TIMEOUT_MS'),
    requestTimeoutMs: read('FOOTNOTE_REQUEST_TIMEOUT_MS'),
    keepAliveTimeoutMs: read('FOOTNOTE_KEEP_ALIVE_TIMEOUT_MS'),
  };
  // Node refuses a request deadline shorter than the one for its headers.
  if (c.requestTimeoutMs < c.headersTimeoutMs) {
    throw new ConfigError(`FOOTNOTE_REQUEST_TIMEOUT_MS=${c.requestTimeoutMs} must be at least FOOTNOTE_HEADERS_TIMEOUT_MS (${c.headersTimeoutMs})`);
  }
  return c;
}

function mail(read: Read, publicUrl: URL | null): MailConfig {
  const m = {
    smtpUrl: read('FOOTNOTE_SMTP_URL'),
    from: read('FOOTNOTE_MAIL_FROM'),
    webhookUrl: read('FOOTNOTE_WEBHOOK_URL'),
    webhookSecret: read('FOOTNOTE_WEBHOOK_SECRET'),
  };
  // Each of these would start a server that queues mail or events it can never send right.
  if (m.smtpUrl && !m.from) throw new ConfigError('FOOTNOTE_MAIL_FROM is required with FOOTNOTE_SMTP_URL (the From address of reply mail)');
  if (m.smtpUrl && !publicUrl) throw new ConfigError('FOOTNOTE_PUBLIC_URL is required with FOOTNOTE_SMTP_URL (the links in mail point there)');
  if (m.webhookUrl && !m.webhookSecret) throw new ConfigError('FOOTNOTE_WEBHOOK_SECRET is required with FOOTNOTE_WEBHOOK_URL (events are signed with it)');
  return m;
}

/**
 * Parses the environment, failing fast with a line that names the first bad variable. Tests
 * pass their own; the default is the process's, and this is the one place that reads it.
 */
export function loadConfig(env: Env = process.env): Config {
  const read: Read = <K extends keyof typeof schema>(name: K): z.output<(typeof schema)[K]> => {
    const raw = env[name];
    const result = schema[name].safeParse(raw === '' ? undefined : raw);
    if (!result.success) {
      const why = result.error.issues.map((i) => i.message).join('; ');
      // A secret is named, never echoed: the line goes to logs.
      const shown = SECRETS.has(name) ? ` (${raw?.trim().length ?? 0} characters)` : `=${JSON.stringify(raw)}`;
      throw new ConfigError(`${name}${shown} ${why}`);
    }
    return result.data as z.output<(typeof schema)[K]>;
  };
  const rateLimits: RateLimitConfig = {
    postIntervalSec: read('FOOTNOTE_POST_INTERVAL_SEC'),
    postsPerHour: read('FOOTNOTE_POSTS_PER_HOUR'),
    reactionsPerMinute: read('FOOTNOTE_REACTIONS_PER_MINUTE'),
    reportsPerHour: read('FOOTNOTE_REPORTS_PER_HOUR'),
    viewsPerMinute: read('FOOTNOTE_VIEWS_PER_MINUTE'),
  };
  return {
    port: read('PORT'),
    host: read('HOST'),
    dbPath: read('FOOTNOTE_DB'),
    databaseUrl: read('FOOTNOTE_DATABASE_URL'),
    databasePool: read('FOOTNOTE_DATABASE_POOL'),
    adminToken: read('FOOTNOTE_ADMIN_TOKEN'),
    origins: read('FOOTNOTE_ORIGINS'),
    moderation: read('FOOTNOTE_MODERATION'),
    trustProxy: read('FOOTNOTE_TRUST_PROXY'),
    reportThreshold: read('FOOTNOTE_REPORT_THRESHOLD'),
    rateLimits,
    ranges: {
      viewsPerMinute: read('FOOTNOTE_RANGE_VIEWS_PER_MINUTE') ?? rateLimits.viewsPerMinute * 50,
      readersPerArticle: read('FOOTNOTE_RANGE_READERS_PER_ARTICLE'),
      reactionsPerMinute: read('FOOTNOTE_RANGE_REACTIONS_PER_MINUTE') ?? rateLimits.reactionsPerMinute * 10,
      reactionsPerComment: read('FOOTNOTE_RANGE_REACTIONS_PER_COMMENT'),
      reportsPerHour: read('FOOTNOTE_RANGE_REPORTS_PER_HOUR') ?? rateLimits.reportsPerHour * 10,
    },
    minFormMillis: read('FOOTNOTE_MIN_FORM_MS'),
    importMaxBytes: read('FOOTNOTE_IMPORT_MAX_BYTES'),
    publicUrl: read('FOOTNOTE_PUBLIC_URL'),
    connections: connections(read),
    sso: sso(read, read('FOOTNOTE_PUBLIC_URL')),
    mail: mail(read, read('FOOTNOTE_PUBLIC_URL')),
  };
}

function sso(read: Read, publicUrl: URL | null): SsoConfig {
  const secret = read('FOOTNOTE_SSO_SECRET');
  const demo = secret === DEMO_SSO_SECRET;
  if (demo && publicUrl) {
    throw new ConfigError('FOOTNOTE_SSO_SECRET is the public demo secret, which lets anyone sign in as staff: never with FOOTNOTE_PUBLIC_URL (production). Make one with: openssl rand -hex 32');
  }
  return {
    secret,
    demo,
    guests: read('FOOTNOTE_GUESTS'),
    premodFirst: read('FOOTNOTE_PREMOD_FIRST'),
    autoCloseDays: read('FOOTNOTE_AUTO_CLOSE_DAYS'),
  };
}
