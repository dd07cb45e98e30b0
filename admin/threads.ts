import { html, nothing } from 'lit';
import { ApiError, messageOf } from './api';
import { plural } from './format';
import { DeskSection } from './section';
import type { DeskThread } from '../contract';

/** `<desk-threads>`: open a thread by its key, close it, set its moderation mode, correct its title and URL. */
export class DeskThreads extends DeskSection {
  static override properties = { key: { state: true }, thread: { state: true }, fresh: { state: true }, formError: { state: true } };
  key = '';
  thread: DeskThread | null = null;
  /** The key was never used: saving creates it with these settings. */
  fresh = false;
  formError = '';

  // Nothing to fetch until a key is given; an open thread is re-read when the section returns.
  async load(): Promise<void> {
    if (this.key) await this.open(this.key);
  }

  async open(key: string): Promise<void> {
    this.key = key.trim();
    this.formError = '';
    if (!this.key) {
      this.formError = 'Enter the thread key: the thread="…" of the article’s <footnote-comments> tag.';
      return;
    }
    try {
      this.thread = await this.desk.api.thread(this.key);
      this.fresh = false;
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) throw err;
      this.fresh = true;
      this.thread = null;
    }
  }

  async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const mode = String(data.get('moderation'));
    try {
      this.thread = await this.desk.api.saveThread(this.key, {
        closed: data.get('closed') === 'on',
        moderation: mode === 'pre' || mode === 'post' ? mode : null,
        title: String(data.get('title') ?? ''),
        url: String(data.get('url') ?? ''),
      });
      this.fresh = false;
      this.desk.announce(`Saved: “${this.key}” is ${this.thread.closed ? 'closed' : 'open'}, ${this.thread.effectiveModeration}-moderated.`);
    } catch (err) {
      this.formError = messageOf(err);
    }
  }

  private settings() {
    const t = this.thread;
    return html`<form class="panel" @submit=${(e: SubmitEvent) => void this.save(e)} aria-labelledby="thread-h">
      <h2 id="thread-h">${t?.title || this.key}</h2>
      ${t
        ? html`<p class="muted">${t.url && /^https?:\/\//.test(t.url) ? html`<a href=${t.url} target="_blank" rel="noopener noreferrer">${t.url}</a> · ` : nothing}
            ${plural(t.views, 'view')} · ${plural(t.comments, 'published comment')}
            · <button type="button" class="link" @click=${() => this.desk.showThread(this.key)}>see its comments</button></p>`
        : html`<p class="hint">Nobody has viewed or commented on this thread yet. Saving creates it with these settings, ready for when the article goes live.</p>`}
      <label>Title <input name="title" .value=${t?.title ?? ''} maxlength="300" /></label>
      <label>Article address <input name="url" type="url" .value=${t?.url ?? ''} maxlength="2048" placeholder="https://…" spellcheck="false" /></label>
      <p class="hint">The first page to show a thread names it; correct the title and address here if it named it wrongly (they appear here and in the export).</p>
      <label class="check"><input type="checkbox" name="closed" .checked=${t?.closed ?? false} /> Closed: new comments are refused and the widget says the discussion is closed</label>
      <label>Moderation
        <select name="moderation">
          <option value="" ?selected=${!t?.moderation}>Site default</option>
          <option value="pre" ?selected=${t?.moderation === 'pre'}>Pre-moderation: hold every comment for approval</option>
          <option value="post" ?selected=${t?.moderation === 'post'}>Post-moderation: publish at once</option>
        </select>
      </label>
      ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
      <div class="row"><button class="primary">Save settings</button></div>
    </form>`;
  }

  override render() {
    const submit = (e: SubmitEvent) => {
      e.preventDefault();
      void this.open(String(new FormData(e.target as HTMLFormElement).get('key') ?? '')).catch((err: unknown) => {
        this.formError = messageOf(err);
      });
    };
    return html`<h1 tabindex="-1">Threads</h1>
      <p class="hint">Close a discussion or choose how its comments are moderated. A thread’s key is the <code>thread</code> attribute of the article’s <code>&lt;footnote-comments&gt;</code> tag.</p>
      <form class="filters" role="search" aria-label="Open a thread" @submit=${submit}>
        <label>Thread key <input name="key" .value=${this.key} required maxlength="512" spellcheck="false" /></label>
        <div class="row"><button class="secondary">Open</button></div>
      </form>
      ${this.thread || this.fresh ? this.settings() : this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}`;
  }
}
