import { z } from 'zod';
import { MODERATION_MODES, type CommentStatus, type ModerationMode } from '../../../contract';
import { AUTHOR_MAX, cleanAuthor, cleanEmail, cleanTitle, firstIssue, httpUrl, parseDate } from './fields';
import { Badges, type FootnoteExportUser } from './footnote-users';
import type { JsonValue } from './json-paths';
import type { ImportedComment, ImportedStatus, ImportedThread, ImportSkip } from './types';

/** The version `GET /api/v1/admin/export` writes. */
export const FOOTNOTE_EXPORT_VERSION = 2;
/** Every version the importer reads: version 1 is version 2 without users (nobody had signed in). */
export const FOOTNOTE_EXPORT_VERSIONS: readonly number[] = [1, 2];

/**
 * Footnote's own export, version 2 (documented field by field in docs/data.md). Writers put
 * `format` and `version` first, `users` before `threads`, and, in each thread, every field
 * before `comments`: a reader can then stream the file, and a comment's author is known before
 * the comment. Dates are ISO 8601.
 *
 * ```json
 * {"format":"footnote","version":2,"exportedAt":"2024-05-01T12:00:00.000Z","users":[
 *   {"id":"u_Xk…","ssoId":"42","username":"Ann","email":null,"role":"commenter","badges":["Subscriber"],"url":null,
 *    "premod":false,"note":null,"firstSeen":"…","lastSeen":"…","ignored":[{"id":"u_Q9…","at":"…"}]}],
 *  "threads":[
 *   {"key":"russia-china-alliance","title":"…","url":"https://…","closed":false,"moderation":null,"views":27,
 *    "comments":[{"id":"footnote:7f3a9c2e:1","parentId":null,"author":"Ann","email":null,"body":"Hi **all**",
 *                 "createdAt":"2024-05-01T11:00:00.000Z","editedAt":null,"status":"published","featured":false,"reactions":3,
 *                 "authorId":"u_Xk…","badges":["Subscriber"]}]}]}
 * ```
 *
 * A comment's `id` names it across servers, and becomes its import key when read back:
 * `footnote:<site>:<n>` for one written on the exporting server (`<site>` is a tag that server
 * chose once), or the source id it was imported under (`disqus:4`). Ids of any other form (a
 * hand-written file's `1` or `"c1"`) are read as `json:footnote:<id>`.
 */
export interface FootnoteExport {
  format: 'footnote';
  /** What a reader accepts: {@link FOOTNOTE_EXPORT_VERSIONS}. */
  version: 1 | typeof FOOTNOTE_EXPORT_VERSION;
  exportedAt: string;
  /** Optional when reading (version 1 has none). */
  users?: FootnoteExportUser[];
  threads: FootnoteExportThread[];
}
export interface FootnoteExportThread {
  key: string;
  title: string | null;
  url: string | null;
  closed: boolean;
  /** null: the server's default moderation. */
  moderation: ModerationMode | null;
  /** Optional when reading (version 1 files written before it existed lack it). */
  views?: number;
  comments: FootnoteExportComment[];
}
export interface FootnoteExportComment {
  id: string | number;
  parentId: string | number | null;
  author: string;
  email: string | null;
  /** Exactly as stored: text with the Markdown subset. */
  body: string;
  createdAt: string;
  /** Optional when reading. */
  editedAt?: string | null;
  status: CommentStatus;
  featured: boolean;
  reactions: number;
  /** The signed-in author (`users[].id`), null for a guest. Optional when reading, as is `badges`. */
  authorId?: string | null;
  /** The badges shown with it (`Staff` first for staff). */
  badges?: string[];
  /**
   * Whether its status is the desk's decision (a rejection then counts in the engagement
   * report), and when the desk first decided (the report's minutes to a decision). Optional
   * when reading: files written before they existed import as "not the desk's".
   */
  statusByDesk?: boolean;
  decidedAt?: string | null;
}

/** The longest title and link a live thread can have; Footnote's own values are kept exactly within them. */
const TITLE_MAX = 300;
const URL_MAX = 2048;

const Id = z.union([z.string().min(1), z.number()]);
// Reading is lenient (nullish everywhere) so an export edited by hand still imports.
const ThreadSchema = z.object({
  key: z.string().trim().min(1),
  title: z.string().nullish(),
  url: z.string().nullish(),
  closed: z.boolean().nullish(),
  moderation: z.enum(MODERATION_MODES).nullish(),
  views: z.number().int().min(0).nullish(),
});
const CommentSchema = z.object({
  id: Id,
  parentId: Id.nullish(),
  author: z.string().nullish(),
  email: z.string().nullish(),
  body: z.string().nullish(),
  createdAt: z.union([z.string(), z.number()]),
  editedAt: z.union([z.string(), z.number()]).nullish(),
  status: z.string().nullish(),
  featured: z.boolean().nullish(),
  reactions: z.number().int().min(0).nullish(),
  authorId: z.string().min(1).max(64).nullish(),
  badges: Badges.nullish(),
  statusByDesk: z.boolean().nullish(),
  decidedAt: z.union([z.string(), z.number()]).nullish(),
});

/** Every status round-trips; unknown values wait for moderation. */
const STATUS: Record<string, ImportedStatus> = { published: 'published', pending: 'pending', spam: 'spam', rejected: 'rejected', deleted: 'deleted' };

/** Ids that already are source keys (what Footnote's exporter writes) are kept as they are. */
const SOURCE_KEY = /^(?:footnote|disqus|wordpress|json):/;

/** The import key of a comment id read from a Footnote export. */
export function footnoteSourceId(id: string | number): string {
  const text = String(id);
  return typeof id === 'string' && SOURCE_KEY.test(text) ? text : `json:footnote:${text}`;
}

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * Footnote's own fields are its stored values: kept exactly (so export → import → export is
 * identical) as long as a live server could have stored them; otherwise cleaned like any import.
 */
const ownTitle = (title: string | null | undefined): string | null =>
  title === null || title === undefined ? null : codePoints(title) <= TITLE_MAX ? title : cleanTitle(title);
const ownUrl = (url: string | null | undefined): string | null => (url && url.length <= URL_MAX && httpUrl(url) ? url : null);
const ownAuthor = (author: string | null | undefined): string =>
  author && author.trim() && codePoints(author) <= AUTHOR_MAX ? author : cleanAuthor(author);

/** A thread from its fields, or null when it has no usable key. */
export function footnoteThread(fields: Record<string, JsonValue>): ImportedThread | null {
  const parsed = ThreadSchema.safeParse(fields);
  if (!parsed.success) return null;
  const { key, title, url, closed, moderation, views } = parsed.data;
  return { kind: 'thread', key, title: ownTitle(title), url: ownUrl(url), closed: closed ?? false, moderation: moderation ?? null, views: views ?? 0 };
}

/** A comment; its sourceId is its `id` (see {@link footnoteSourceId}). */
export function footnoteComment(raw: JsonValue, threadKey: string, index: number): ImportedComment | ImportSkip {
  const parsed = CommentSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'skip', ref: `comment #${index + 1} of ${threadKey}`, reason: firstIssue(parsed.error) };
  const c = parsed.data;
  const createdAt = parseDate(c.createdAt);
  if (createdAt === null) return { kind: 'skip', ref: `comment ${c.id}`, reason: 'comment has no valid date' };
  const status = STATUS[c.status ?? ''] ?? 'pending';
  return {
    kind: 'comment',
    sourceId: footnoteSourceId(c.id),
    threadKey,
    parentSourceId: c.parentId === null || c.parentId === undefined || c.parentId === '' ? null : footnoteSourceId(c.parentId),
    author: ownAuthor(c.author),
    email: cleanEmail(c.email),
    // Footnote bodies are already the stored text and its Markdown subset: kept exactly.
    body: status === 'deleted' ? '' : (c.body ?? ''),
    createdAt,
    editedAt: c.editedAt === null || c.editedAt === undefined ? null : parseDate(c.editedAt),
    status,
    featured: c.featured ?? false,
    reactions: c.reactions ?? 0,
    userId: c.authorId ?? null,
    badges: c.badges ?? [],
    statusByDesk: c.statusByDesk ?? false,
    decidedAt: c.decidedAt === null || c.decidedAt === undefined ? null : parseDate(c.decidedAt),
  };
}
