import { z } from 'zod';
import { cleanAuthor, cleanEmail, cleanTitle, firstIssue, parseDate } from './fields';
import { htmlToText } from './html-to-text';
import type { JsonValue } from './json-paths';
import type { ImportedComment, ImportedStatus, ImportedThread, ImportSkip } from './types';

// Isso's JSON: [{"id": "/posts/0001/", "title": "…", "comments": [{"id", "parent", "author",
// "email", "website", "text", "created", "mode", "remote_addr", …}]}]. remote_addr is never read.
const ThreadSchema = z.object({
  id: z.union([z.string().trim().min(1), z.number()]),
  title: z.string().nullish(),
});
const Id = z.union([z.string(), z.number()]);
const CommentSchema = z.object({
  id: Id.nullish(),
  parent: Id.nullish(),
  author: z.string().nullish(),
  email: z.string().nullish(),
  text: z.string().nullish(),
  created: z.union([z.string(), z.number()]),
  mode: z.number().nullish(),
});

/** Isso's `mode`: 1 accepted, 2 waiting for moderation, 4 deleted (kept because it has replies). */
const MODE: Record<number, ImportedStatus> = { 1: 'published', 2: 'pending', 4: 'deleted' };

/** A thread keyed by Isso's thread id (the page's path), or null. */
export function issoThread(fields: Record<string, JsonValue>): ImportedThread | null {
  const parsed = ThreadSchema.safeParse(fields);
  if (!parsed.success) return null;
  return { kind: 'thread', key: String(parsed.data.id), title: cleanTitle(parsed.data.title), url: null, closed: false };
}

/**
 * sourceId `json:isso:<threadKey>#<id>`: Isso's generic export numbers comments per thread
 * (both fixture comments are id 0), so the id alone is not unique. Missing ids use the position.
 * Isso text is Markdown that may hold HTML: tags are converted, the Markdown kept.
 */
export function issoComment(raw: JsonValue, threadKey: string, index: number): ImportedComment | ImportSkip {
  const ref = `comment #${index + 1} of ${threadKey}`;
  const parsed = CommentSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'skip', ref, reason: firstIssue(parsed.error) };
  const c = parsed.data;
  const createdAt = parseDate(c.created);
  if (createdAt === null) return { kind: 'skip', ref, reason: 'comment has no valid date' };
  const status = MODE[c.mode ?? 1] ?? 'pending';
  const id = (c.id ?? index).toString();
  const parent = c.parent === null || c.parent === undefined || c.parent === '' ? null : c.parent.toString();
  return {
    kind: 'comment',
    sourceId: `json:isso:${threadKey}#${id}`,
    threadKey,
    parentSourceId: parent === null ? null : `json:isso:${threadKey}#${parent}`,
    author: cleanAuthor(c.author),
    email: cleanEmail(c.email),
    body: status === 'deleted' ? '' : htmlToText(c.text ?? '', { markdownText: true }),
    createdAt,
    status,
  };
}
