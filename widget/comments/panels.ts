import type { FootnoteComments } from './footnote-comments';
import type { Panel } from './types';

/**
 * The one panel open under a comment (reply, edit, delete, report) and where focus goes, for
 * <footnote-comments>: opening a panel moves focus into it, closing it
 * gives focus back to its comment, and after a post, an edit or "Show N new comments" focus
 * lands on the comment concerned. Templates call `toggle`; a change re-renders the element.
 */
export class Panels {
  /** The open panel, or null. */
  open: { kind: Panel; id: number } | null = null;

  constructor(private readonly host: FootnoteComments) {}

  isOpen = (kind: Panel, id: number) => this.open?.kind === kind && this.open.id === id;

  close(): void {
    this.open = null;
    this.host.requestUpdate();
  }

  /** Opens a panel under comment `id` (closing any other) and moves focus into it; pressed again, closes it. */
  async toggle(kind: Panel, id: number): Promise<void> {
    const { host } = this;
    const opening = !this.isOpen(kind, id);
    this.open = opening ? { kind, id } : null;
    host.writer.reset();
    if (!opening) return this.focus(id);
    await host.updateComplete;
    // Into the reply's text, or its name field while the reader has not given one yet.
    host.$(`#c${id} > .panel ${kind === 'replyTo' && !host.own.name.trim() && !host.session.me ? 'input' : '[data-focus]'}`)?.focus();
  }

  /** Moves focus to comment `id` once the thread has rendered. */
  async focus(id: number | undefined): Promise<void> {
    await this.host.updateComplete;
    if (id !== undefined) this.host.$(`#c${id}`)?.focus();
  }
}
