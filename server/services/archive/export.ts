import type { ExportCommentRow, ExportUserRow, ThreadRow } from '../../store/types';
import type { ServiceContext } from '../context';
import { FOOTNOTE_EXPORT_VERSION, type FootnoteExportComment, type FootnoteExportThread } from '../import/footnote-format';
import type { FootnoteExportUser } from '../import/footnote-users';

const USER_PAGE = 200;
const THREAD_PAGE = 100;
const COMMENT_PAGE = 500;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A comment's id across servers: its import key, or `footnote:<site>:<id>` for one written here. */
const exportId = (site: string, id: number, importKey: string | null) => importKey ?? `footnote:${site}:${id}`;

function exportComment(site: string, row: ExportCommentRow): FootnoteExportComment {
  return {
    id: exportId(site, row.id, row.importKey),
    parentId: row.parentId === null ? null : exportId(site, row.parentId, row.parentImportKey),
    author: row.author,
    email: row.email,
    body: row.body,
    createdAt: iso(row.createdAt)!,
    editedAt: iso(row.editedAt),
    status: row.status,
    featured: row.featured,
    reactions: row.reactions,
    authorId: row.userId,
    badges: row.badges,
    statusByDesk: row.statusByDesk,
    decidedAt: iso(row.decidedAt),
  };
}

function exportUser(row: ExportUserRow): FootnoteExportUser {
  return {
    id: row.id,
    ssoId: row.ssoId,
    username: row.username,
    email: row.email,
    role: row.role,
    badges: row.badges,
    url: row.url,
    premod: row.premod,
    note: row.note,
    firstSeen: iso(row.firstSeen)!,
    lastSeen: iso(row.lastSeen)!,
    ignored: row.ignored.map((i) => ({ id: i.id, at: iso(i.at)! })),
  };
}

/** Every signed-in user, a page at a time: before the threads, so a reader meets authors before their comments. */
async function* exportUsers(ctx: ServiceContext): AsyncGenerator<string> {
  let sep = '\n';
  for (let after = ''; ; ) {
    const page = await ctx.store.archive.exportUsers(after, USER_PAGE);
    if (page.length > 0) yield sep + page.map((u) => JSON.stringify(exportUser(u))).join(',\n');
    sep = ',\n';
    if (page.length < USER_PAGE) break;
    after = page[page.length - 1]!.id;
  }
}

function threadHead(row: ThreadRow): string {
  const head: Omit<FootnoteExportThread, 'comments'> = {
    key: row.key,
    title: row.title,
    url: row.url,
    closed: row.closed,
    moderation: row.moderation,
    views: row.views,
  };
  // Every field before "comments", so a reader can stream the file (see footnote-format.ts).
  return `${JSON.stringify(head).slice(0, -1)},"comments":[`;
}

/**
 * Every signed-in user, thread and comment as Footnote JSON ({@link FootnoteExport}), as text
 * pieces: users a page at a time, then a page of threads, then each thread's comments a page at
 * a time, so the database is never held whole. All statuses are included, and emails and the
 * newsroom's ids of users (it is an admin export); reader hashes, edit tokens and reports never are. Pending views are written first so the counts are current. It is not a
 * point-in-time snapshot of a busy server: `footnote backup` is.
 */
export async function* exportFootnoteJson(ctx: ServiceContext): AsyncGenerator<string> {
  await ctx.views.flush();
  const site = await ctx.store.archive.siteTag();
  const exportedAt = new Date(ctx.now()).toISOString();
  yield `{"format":"footnote","version":${FOOTNOTE_EXPORT_VERSION},"exportedAt":${JSON.stringify(exportedAt)},"users":[`;
  yield* exportUsers(ctx);
  yield '\n],"threads":[';
  let first = true;
  for (let after = 0; ; ) {
    const page = await ctx.store.threads.listAll(after, THREAD_PAGE);
    for (const thread of page) {
      yield `${first ? '\n' : ',\n'}${threadHead(thread)}`;
      first = false;
      let sep = '\n';
      for (let afterComment = 0; ; ) {
        const rows = await ctx.store.archive.exportPage(thread.id, afterComment, COMMENT_PAGE);
        if (rows.length === 0) break;
        yield sep + rows.map((r) => JSON.stringify(exportComment(site, r))).join(',\n');
        sep = ',\n';
        afterComment = rows[rows.length - 1]!.id;
      }
      yield ']}';
    }
    if (page.length < THREAD_PAGE) break;
    after = page[page.length - 1]!.id;
  }
  yield '\n]}\n';
}

/** The file name an export is offered under: footnote-export-2026-11-28.json. */
export const exportFileName = (now: number) => `footnote-export-${new Date(now).toISOString().slice(0, 10)}.json`;
