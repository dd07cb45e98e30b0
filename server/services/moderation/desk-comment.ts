import type { DeskComment, ReportReason } from '../../../contract';
import type { CommentRow, QueueRow } from '../../store/types';
import type { ServiceContext } from '../context';

type Thread = DeskComment['thread'];

/** Presents rows, fetching their reports in one query. */
export async function presentForDesk(ctx: ServiceContext, rows: readonly (CommentRow & { thread: Thread })[]): Promise<DeskComment[]> {
  const withReports = rows.filter((r) => r.reports > 0).map((r) => r.id);
  const reports = await ctx.store.comments.reportsOf(withReports);
  return rows.map((r) => {
    const reasons: Partial<Record<ReportReason, number>> = {};
    const notes: string[] = [];
    for (const rep of reports) {
      if (rep.commentId !== r.id) continue;
      reasons[rep.reason] = (reasons[rep.reason] ?? 0) + 1;
      if (rep.note?.trim()) notes.push(rep.note.trim());
    }
    return {
      id: r.id,
      parentId: r.parentId,
      thread: r.thread,
      author: r.author,
      authorId: r.userId,
      badges: r.badges,
      email: r.email,
      body: r.body,
      html: r.html,
      status: r.status,
      featured: r.featured,
      reactions: r.reactions,
      reports: r.reports,
      reportsReviewed: r.reportsReviewed,
      reportReasons: reasons,
      reportNotes: notes,
      bannable: Boolean(r.reader || r.host || r.email || r.userId),
      createdAt: new Date(r.createdAt).toISOString(),
      editedAt: r.editedAt ? new Date(r.editedAt).toISOString() : null,
    };
  });
}

export const queueRowThread = (r: QueueRow): Thread => ({ key: r.threadKey, title: r.threadTitle, url: r.threadUrl });

/** One comment with its thread, for the answers of single actions. */
export async function deskComment(ctx: ServiceContext, row: CommentRow): Promise<DeskComment> {
  const t = await ctx.store.threads.byId(row.threadId);
  const thread = { key: t?.key ?? '', title: t?.title ?? null, url: t?.url ?? null };
  const [one] = await presentForDesk(ctx, [{ ...row, thread }]);
  return one!;
}
