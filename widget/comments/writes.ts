import type { ReactiveController } from 'lit';
import type { ReportReason } from '../../contract';
import { ApiError } from '../api/client';
import type { Comment } from '../api/types';
import type { FootnoteComments } from './footnote-comments';

/**
 * The reader's writes, as a reactive controller of <footnote-comments>: posting a comment or
 * a reply, editing and deleting their own, recommending and reporting. It holds the state of
 * the forms (a request in flight, the error under one form) and tells the element what
 * changed through its methods (`add`, `change`, `drop`, `say` …).
 */
export class Writer implements ReactiveController {
  /** A request is in flight: submit buttons are disabled. */
  busy = false;
  /** The error under one form: `at` is the comment id of its panel, 0 for the main form. */
  error: { at: number; text: string } | null = null;
  /** When the form was shown: the server tells people from scripts by the time taken. */
  private shownAt = Date.now();

  constructor(private readonly host: FootnoteComments) {
    host.addController(this);
  }

  hostConnected(): void {
    this.shownAt = Date.now();
  }

  /** A panel opened or closed: its error goes; a reply form starts its clock. */
  reset(): void {
    this.error = null;
    this.shownAt = Date.now();
    this.host.requestUpdate();
  }

  errorFor = (at: number) => (this.error?.at === at ? this.error.text : '');

  /** The server's own sentence, or a polite one when it cannot be reached. */
  errorText(err: unknown): string {
    if (err instanceof ApiError && err.message) return err.message;
    return this.host.msg.t(err instanceof ApiError && err.status === 0 ? 'unreachable' : 'failed');
  }

  /** Shows an error under the form of `at` (0: the main form) and focuses `field` if given. */
  private fail(at: number, text: string, field?: HTMLElement | null): void {
    this.busy = false;
    this.error = { at, text };
    this.host.requestUpdate();
    field?.focus();
  }

  private begin(): void {
    this.busy = true;
    this.error = null;
    this.host.requestUpdate();
  }

  async post(e: SubmitEvent, parent?: Comment): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const { host } = this;
    const form = e.target as HTMLFormElement;
    // Signed in, there is no name field: the name is the sign-in's.
    const [author, body] = [form.elements.namedItem('author'), form.elements.namedItem('body')] as [HTMLInputElement | null, HTMLTextAreaElement];
    const at = parent?.id ?? 0;
    if (author && !author.value.trim()) return this.fail(at, host.msg.t('needName'), author);
    if (!body.value.trim()) return this.fail(at, host.msg.t('needBody'), body);
    this.begin();
    host.say('');
    try {
      const email = (form.elements.namedItem('email') as HTMLInputElement | null)?.value.trim() ?? '';
      // Signed in, replies go to the email of the sign-in (there is no field for one).
      const notify = Boolean(email || !author) && (form.elements.namedItem('notify') as HTMLInputElement | null)?.checked === true;
      const res = await host.api.post(
        host.key,
        {
          ...(author ? { author: author.value } : {}),
          body: body.value,
          ...(email ? { email } : {}),
          ...(notify ? { notify, lang: host.msg.lang } : {}),
          parentId: parent?.id ?? null,
          website: (form.elements.namedItem('website') as HTMLInputElement).value,
          elapsedMs: Date.now() - this.shownAt,
          ...host.meta,
        },
        host.session.me ? host.session.token : null,
      );
      const c = { ...res.comment, replies: [] };
      if (author) host.own.saveName();
      host.own.remember(c.id, { token: res.editToken, at: Date.now(), thread: host.key, ...(c.status === 'pending' ? { pending: c } : {}) });
      host.add(c);
      body.value = '';
      this.busy = false;
      this.shownAt = Date.now();
      host.panels.close();
      const said = host.msg.t(c.status === 'pending' ? 'pending' : 'posted');
      host.say(res.subscription === 'confirm' ? `${said} ${host.msg.t('checkInbox')}` : said);
      host.emit('footnote-posted', { id: c.id, parentId: c.parentId, status: c.status });
      await host.panels.focus(c.id);
      // The server's counts after this comment (not a local +1, which a live event may have
      // brought already), from the post's own answer: no second request.
      host.setCounts(res.counts);
    } catch (err) {
      this.fail(at, this.errorText(err));
    }
  }

  async edit(e: SubmitEvent, c: Comment): Promise<void> {
    e.preventDefault();
    const { host } = this;
    const field = (e.target as HTMLFormElement).elements.namedItem('body') as HTMLTextAreaElement;
    if (!field.value.trim()) return this.fail(c.id, host.msg.t('needBody'), field);
    this.begin();
    try {
      const own = host.own.get(c.id);
      // This browser's edit token, else the reader's sign-in.
      const res = await host.api.edit(c.id, field.value, own?.token ?? host.session.token);
      const edited = { ...res.comment, replies: [] };
      // A comment still held for review is shown from this browser's copy: keep it current.
      if (own?.pending) host.own.remember(c.id, { ...own, pending: edited });
      host.change(edited);
      this.busy = false;
      host.panels.close();
      await host.panels.focus(c.id);
    } catch (err) {
      this.fail(c.id, this.errorText(err), field);
    }
  }

  async remove(c: Comment): Promise<void> {
    const { host } = this;
    try {
      await host.api.remove(c.id, host.own.get(c.id)?.token ?? host.session.token);
      host.own.forget(c.id);
      host.drop(c.id);
      host.panels.close();
      host.say(host.msg.t('deleted'));
      await host.updateComplete;
      // The placeholder when replies keep it in place, else the thread's heading.
      (host.$(`#c${c.id}`) ?? host.$('h2'))?.focus();
      await host.refreshCounts();
    } catch (err) {
      host.panels.close();
      host.say(this.errorText(err));
    }
  }

  async react(c: Comment): Promise<void> {
    const { host } = this;
    try {
      const r = await host.api.react(c.id, !host.own.reacted.includes(c.id), host.session.token);
      host.own.setReacted(c.id, r.reacted);
      host.change({ ...c, reactions: r.reactions });
    } catch (err) {
      host.say(this.errorText(err));
    }
  }

  async report(e: SubmitEvent, c: Comment): Promise<void> {
    e.preventDefault();
    const { host } = this;
    // The form's select offers exactly the contract's reasons (and the server checks again).
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason')) as ReportReason;
    const text = await host.api.report(c.id, reason, host.session.token).then(
      () => host.msg.t('reported'),
      (err: unknown) => this.errorText(err),
    );
    host.panels.close();
    host.say(text);
    await host.panels.focus(c.id);
  }

  /**
   * A signed-in moderator, from the article itself: features a comment (pressed again,
   * unfeatures it: the button's pressed state and the Featured label say which), or removes it
   * (rejects it: the desk can still restore it).
   */
  async moderate(c: Comment, remove: boolean): Promise<void> {
    const { host } = this;
    try {
      await host.api.moderate(c.id, remove ? { status: 'rejected' } : { featured: !c.featured }, host.session.token);
      if (!remove) return host.change({ ...c, featured: !c.featured });
      host.drop(c.id);
      // The removed comment took the focused button with it: the notice says what happened.
      host.say(host.msg.t('removed', { name: c.author }));
      await host.refreshCounts();
    } catch (err) {
      host.say(this.errorText(err));
    }
  }

  /** Ignores a commenter for this reader (their comments fold), or stops. */
  async ignore(c: Comment, on: boolean): Promise<void> {
    const { host } = this;
    try {
      await host.session.ignore(c, on);
      // Focus stays on the comment, whose (folded or unfolded) line says what happened.
      await host.panels.focus(c.id);
    } catch (err) {
      host.say(this.errorText(err));
    }
  }
}
