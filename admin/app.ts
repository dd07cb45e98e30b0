import { html, LitElement, nothing } from 'lit';
import { DeskApi, messageOf } from './api';
import { loadToken, saveToken } from './session';
import type { Desk } from './types';
import { signInForm } from './sign-in';

export const SECTIONS = [
  ['queue', 'Comments'],
  ['words', 'Word lists'],
  ['bans', 'Bans'],
  ['threads', 'Threads'],
  ['audit', 'Audit trail'],
  ['deliveries', 'Mail and webhooks'],
  ['engagement', 'Engagement'],
] as const;
export type Section = (typeof SECTIONS)[number][0];

const sectionOf = (hash: string): Section => (SECTIONS.find(([id]) => `#${id}` === hash)?.[0] ?? 'queue');

/**
 * `<footnote-admin>`: the moderation page. Asks for the token once per tab, then shows the
 * desk's sections (switched by the URL's hash so the back button and reloads work). Every
 * section stays mounted once shown, so filters and scroll survive switching back and forth.
 * Rendered in the light DOM: the page is ours, styled by admin.css.
 */
export class FootnoteAdmin extends LitElement {
  static override properties = {
    token: { state: true },
    section: { state: true },
    visited: { state: true },
    signInError: { state: true },
    checking: { state: true },
    status: { state: true },
    desk: { state: true },
  };

  token: string | null = loadToken();
  section: Section = sectionOf(location.hash);
  /** Sections shown once stay mounted (filters and scroll survive switching back). */
  visited: ReadonlySet<Section> = new Set<Section>([this.section]);
  signInError = '';
  checking = false;
  status = '';
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  desk: Desk | null = this.token ? this.makeDesk(this.token) : null;

  protected override createRenderRoot() {
    this.textContent = '';
    return this;
  }

  private readonly onHash = () => {
    // Other anchors (the skip link) are not sections: stay where we are.
    if (!SECTIONS.some(([id]) => `#${id}` === location.hash)) return;
    this.section = sectionOf(location.hash);
    this.visited = new Set([...this.visited, this.section]);
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('main h1')?.focus());
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
  }

  private readonly skip = (e: Event) => {
    e.preventDefault();
    this.querySelector<HTMLElement>('main')?.focus();
  };

  private makeDesk(token: string): Desk {
    return {
      api: new DeskApi(token, (message) => this.signOut(`The server refused the token: ${message} Please sign in again.`)),
      announce: (message) => this.announce(message),
      showThread: (key) => {
        this.querySelector<HTMLElement & { filterThread(k: string): void }>('desk-queue')?.filterThread(key);
        location.hash = '#queue';
      },
      showUser: (authorId) => void this.querySelector<HTMLElement & { open(id: string): Promise<void> }>('desk-user')?.open(authorId),
    };
  }

  announce(message: string): void {
    // Clear first so the same sentence twice is still read out.
    this.status = '';
    setTimeout(() => (this.status = message), 50);
    clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => (this.status = ''), 8000);
  }

  async signIn(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const token = String(new FormData(e.target as HTMLFormElement).get('token') ?? '').trim();
    if (!token) {
      this.signInError = 'Enter the admin token (the value of FOOTNOTE_ADMIN_TOKEN on the server).';
      return;
    }
    this.checking = true;
    this.signInError = '';
    try {
      await new DeskApi(token).counts('');
      saveToken(token);
      this.token = token;
      this.desk = this.makeDesk(token);
    } catch (err) {
      this.signInError = messageOf(err);
    }
    this.checking = false;
    await this.updateComplete;
    (this.desk ? this.querySelector<HTMLElement>('main h1') : this.querySelector<HTMLInputElement>('#token'))?.focus();
  }

  signOut(reason = ''): void {
    saveToken(null);
    this.token = null;
    this.desk = null;
    this.signInError = reason;
    this.visited = new Set([this.section]);
    void this.updateComplete.then(() => this.querySelector<HTMLInputElement>('#token')?.focus());
  }

  override render() {
    const status = html`<div class="toast" role="status" aria-live="polite" ?hidden=${!this.status}>${this.status}</div>`;
    if (!this.desk) return html`${signInForm(this)}${status}`;
    const desk = this.desk;
    const part = (id: Section, body: unknown) =>
      this.visited.has(id) ? html`<div ?hidden=${this.section !== id}>${body}</div>` : nothing;
    return html`
      <a class="skip" href="#main" @click=${this.skip}>Skip to content</a>
      <header class="top">
        <p class="brand">Footnote <span>moderation</span></p>
        <nav aria-label="Desk sections">
          <ul>
            ${SECTIONS.map(([id, label]) => html`<li><a href="#${id}" aria-current=${this.section === id ? 'page' : 'false'}>${label}</a></li>`)}
          </ul>
        </nav>
        <button class="link signout" @click=${() => this.signOut()}>Sign out</button>
      </header>
      <main id="main" tabindex="-1">
        ${part('queue', html`<desk-queue .desk=${desk} ?active=${this.section === 'queue'}></desk-queue>`)}
        ${part('words', html`<desk-words .desk=${desk} ?active=${this.section === 'words'}></desk-words>`)}
        ${part('bans', html`<desk-bans .desk=${desk} ?active=${this.section === 'bans'}></desk-bans>`)}
        ${part('threads', html`<desk-threads .desk=${desk} ?active=${this.section === 'threads'}></desk-threads>`)}
        ${part('audit', html`<desk-audit .desk=${desk} ?active=${this.section === 'audit'}></desk-audit>`)}
        ${part('deliveries', html`<desk-deliveries .desk=${desk} ?active=${this.section === 'deliveries'}></desk-deliveries>`)}
        ${part('engagement', html`<desk-engagement .desk=${desk} ?active=${this.section === 'engagement'}></desk-engagement>`)}
      </main>
      <desk-user .desk=${desk}></desk-user>
      ${status}`;
  }
}
