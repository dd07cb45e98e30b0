import { z } from 'zod';
import { USER_ROLES, type UserRole } from '../../../contract';
import { cleanEmail, firstIssue, httpUrl, parseDate } from './fields';
import type { JsonValue } from './json-paths';
import type { ImportedUser, ImportSkip } from './types';
import type { UserRow } from '../../store/types';

/**
 * Signed-in users in Footnote's export (version 2, docs/data.md): the newsroom's accounts that
 * commented or signed in here, each with whom they ignore. A user's `id` is Footnote's own
 * (`authorId` in the API), kept across the move so their comments, ignore lists and the
 * widget's folded commenters still name them; `ssoId` is the newsroom's, so their next
 * sign-in finds the same user. Bounds are a live server's (the sign-in token's and the desk's).
 */
export type FootnoteExportUser = Omit<UserRow, 'firstSeen' | 'lastSeen'> & {
  /** ISO 8601 in the file (milliseconds in the store). */
  firstSeen: string;
  lastSeen: string;
  /** Whom they ignore (`id`s of users), oldest first, with when. */
  ignored: { id: string; at: string }[];
};

/** A comment's badges: at most the token's ten and Staff, each as the token bounds it. */
export const Badges = z.array(z.string().min(1).max(40)).max(11);
const Id = z.string().min(1).max(64);
const Date_ = z.union([z.string(), z.number()]);

const UserSchema = z.object({
  id: Id,
  ssoId: z.string().min(1).max(200),
  username: z.string().trim().min(1).max(80),
  email: z.string().max(254).nullish(),
  role: z.string().nullish(),
  badges: Badges.nullish(),
  url: z.string().max(2000).nullish(),
  premod: z.boolean().nullish(),
  note: z.string().max(2000).nullish(),
  firstSeen: Date_,
  lastSeen: Date_.nullish(),
  // The desk keeps at most 1,000 a reader (services/users/me.ts).
  ignored: z.array(z.object({ id: Id, at: Date_ })).max(1000).nullish(),
});

/** A user read from `users[index]`, or why it is skipped. */
export function footnoteUser(raw: JsonValue, index: number): ImportedUser | ImportSkip {
  const parsed = UserSchema.safeParse(raw);
  const ref = `user #${index + 1}`;
  if (!parsed.success) return { kind: 'skip', ref, reason: firstIssue(parsed.error) };
  const u = parsed.data;
  const firstSeen = parseDate(u.firstSeen);
  if (firstSeen === null) return { kind: 'skip', ref: `user ${u.id}`, reason: 'user has no valid firstSeen date' };
  const ignored: ImportedUser['ignored'] = [];
  for (const i of u.ignored ?? []) {
    const at = parseDate(i.at);
    if (at !== null && i.id !== u.id) ignored.push({ id: i.id, at });
  }
  return {
    kind: 'user',
    user: {
      id: u.id,
      ssoId: u.ssoId,
      username: u.username,
      email: cleanEmail(u.email),
      // An unknown role grants nothing, as in a token; the next sign-in sets it anyway.
      role: (USER_ROLES as readonly string[]).includes(u.role ?? '') ? (u.role as UserRole) : 'commenter',
      badges: u.badges ?? [],
      url: httpUrl(u.url),
      premod: u.premod ?? false,
      note: u.note ?? null,
      firstSeen,
      lastSeen: (u.lastSeen === null || u.lastSeen === undefined ? null : parseDate(u.lastSeen)) ?? firstSeen,
    },
    ignored,
  };
}
