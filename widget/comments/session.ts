import type { ReactiveController } from 'lit';
import type { Me } from '../../contract';
import type { Comment } from '../api/types';
import { load, save } from '../lib/storage';
import type { FootnoteComments } from './footnote-comments';
import { EDIT_WINDOW_MS } from './own';

/**
 * Who reads, as a reactive controller of <footnote-comments>: signed in with the newsroom's
 * token (the `sso-token` attribute or `ssoToken` property; docs/sso.md) or a guest, and whom
 * they ignore. Setting or removing the token signs in or out at once, without a reload: the
 * server says who the token names (`GET /me`), and the element re-renders. A signed-in
 * reader's ignore list is kept on the server (every device); a guest's in this browser.
 */
export class SessionController implements ReactiveController {
  token: string | null = null;
  me: Me | null = null;
  private guestIgnored: string[] = [];

  constructor(private readonly host: FootnoteComments) {
    host.addController(this);
  }

  hostConnected(): void {
    this.guestIgnored = load<string[]>('ignored', []);
  }

  /** Signs in with `token` (null: out). */
  async use(token: string | null): Promise<void> {
    if (token === this.token) return;
    this.token = token;
    this.me = null;
    this.host.requestUpdate();
    if (!token) return;
    // A token the server refuses (expired, say) leaves a guest: the page's login renews it.
    const me = await this.host.api.me(token).catch(() => null);
    if (this.token === token) this.me = me;
    this.host.requestUpdate();
  }

  /** Only signed-in readers may comment on this thread, and this one is not. */
  get mustSignIn(): boolean {
    return !this.host.guests && !this.me;
  }

  /**
   * "Sign in to comment": fires `footnote-login` (cancelable: a page that opens its own sign-in
   * cancels it), else follows `login-url` (without one, the event is all there is).
   */
  login(e: Event): void {
    const ev = new CustomEvent('footnote-login', { bubbles: true, composed: true, cancelable: true });
    if (!this.host.dispatchEvent(ev) || !this.host.loginUrl) e.preventDefault();
  }

  get moderator(): boolean {
    return this.me?.role === 'moderator' || this.me?.role === 'admin';
  }

  /** The reader's own comment by their sign-in, still within the 15 minutes to change it. */
  canEdit = (c: Comment) => Boolean(this.me && c.authorId === this.me.authorId && Date.now() - Date.parse(c.createdAt) < EDIT_WINDOW_MS);

  isIgnored = (c: Comment) => Boolean(c.authorId && (this.me ? this.me.ignored : this.guestIgnored).includes(c.authorId));

  async ignore(c: Comment, on: boolean): Promise<void> {
    const id = c.authorId;
    if (!id) return;
    if (this.me && this.token) {
      this.me = await this.host.api.ignore(this.token, id, on);
    } else {
      this.guestIgnored = [...this.guestIgnored.filter((x) => x !== id), ...(on ? [id] : [])].slice(-500);
      save('ignored', this.guestIgnored);
    }
    this.host.requestUpdate();
  }
}
