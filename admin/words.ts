import { html, nothing } from 'lit';
import { messageOf } from './api';
import { plural } from './format';
import { DeskSection } from './section';
import type { WordEntry } from '../contract';

type Kind = WordEntry['kind'];
const SHOWN = 300;
/** The API takes request bodies up to 32 KiB: a long paste goes in parts well under that. */
const PART_BYTES = 24_000;

const KINDS: [Kind, string, string][] = [
  ['banned', 'Banned words', 'A comment containing one is refused, and the reader is told which word so they can rephrase.'],
  ['suspect', 'Suspect words', 'A comment containing one is held in the pending queue for you to review.'],
];

/** Splits pasted text into entries: one per line or between commas. */
const entriesOf = (text: string) => text.split(/[\n,]/).map((w) => w.trim()).filter(Boolean);

function parts(words: string[]): string[][] {
  const out: string[][] = [[]];
  let size = 0;
  for (const w of words) {
    const n = new TextEncoder().encode(JSON.stringify(w)).length + 1;
    if (size + n > PART_BYTES || out[out.length - 1]!.length >= 5000) {
      out.push([]);
      size = 0;
    }
    out[out.length - 1]!.push(w);
    size += n;
  }
  return out;
}

/** `<desk-words>`: the banned and suspect word lists. */
export class DeskWords extends DeskSection {
  static override properties = { words: { state: true }, filter: { state: true }, busy: { state: true }, formError: { state: true } };
  words: WordEntry[] = [];
  filter: Record<Kind, string> = { banned: '', suspect: '' };
  busy = false;
  formError: Record<Kind, string> = { banned: '', suspect: '' };

  async load(): Promise<void> {
    this.words = (await this.desk.api.words()).words;
  }

  async add(e: SubmitEvent, kind: Kind): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const words = entriesOf(String(new FormData(form).get('words') ?? ''));
    if (words.length === 0) {
      this.formError = { ...this.formError, [kind]: 'Type at least one word.' };
      return;
    }
    this.busy = true;
    this.formError = { ...this.formError, [kind]: '' };
    try {
      let added = 0;
      for (const part of parts(words)) added += (await this.desk.api.addWords(kind, part)).added;
      form.reset();
      this.desk.announce(`Added ${plural(added, 'word')} to the ${kind} list${added < words.length ? ` (${words.length - added} already there)` : ''}.`);
      await this.load();
    } catch (err) {
      this.formError = { ...this.formError, [kind]: messageOf(err) };
    }
    this.busy = false;
  }

  async drop(w: WordEntry): Promise<void> {
    try {
      await this.desk.api.removeWord(w.id);
      this.words = this.words.filter((x) => x.id !== w.id);
      this.desk.announce(`Removed “${w.word}” from the ${w.kind} list.`);
    } catch (err) {
      this.desk.announce(messageOf(err));
    }
  }

  private list(kind: Kind, label: string, about: string) {
    const all = this.words.filter((w) => w.kind === kind);
    const f = this.filter[kind].trim().toLowerCase();
    const matching = f ? all.filter((w) => w.word.toLowerCase().includes(f)) : all;
    const error = this.formError[kind];
    return html`<section class="panel" aria-labelledby="h-${kind}">
      <h2 id="h-${kind}">${label} <span class="count">${all.length.toLocaleString('en')}</span></h2>
      <p class="hint">${about}</p>
      <form @submit=${(e: SubmitEvent) => void this.add(e, kind)}>
        <label>Add ${kind} words, one per line or separated by commas
          <textarea name="words" rows="3" spellcheck="false" aria-invalid=${error ? 'true' : 'false'}></textarea></label>
        ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
        <div class="row"><button class="primary" ?disabled=${this.busy} aria-label="Add ${kind} words">Add</button></div>
      </form>
      ${all.length > 12
        ? html`<label class="filter">Find in the list <input type="search" .value=${this.filter[kind]}
            @input=${(e: Event) => (this.filter = { ...this.filter, [kind]: (e.target as HTMLInputElement).value })} /></label>`
        : nothing}
      ${matching.length === 0
        ? html`<p class="muted">${all.length ? 'No entry matches.' : 'The list is empty.'}</p>`
        : html`<ul class="chips" aria-label=${label}>
            ${matching.slice(0, SHOWN).map(
              (w) => html`<li><span>${w.word}</span><button class="chip-x" aria-label="Remove ${kind} word ${w.word}" title="Remove" @click=${() => void this.drop(w)}>×</button></li>`,
            )}
          </ul>
          ${matching.length > SHOWN ? html`<p class="muted">${plural(matching.length - SHOWN, 'more entry', 'more entries')}: use “Find in the list”.</p>` : nothing}`}
    </section>`;
  }

  override render() {
    return html`<h1 tabindex="-1">Word lists</h1>
      <details class="rules">
        <summary>How words are matched</summary>
        <ul>
          <li>Case and accents do not matter: “Idiöt” matches “idiot”.</li>
          <li>Whole words only: “ass” matches “ASS!” but not “class” or “assistant”.</li>
          <li>Repeated letters, leetspeak and spelled-out words are caught: “baaad”, “b4d”, “b.a.d”.</li>
          <li><code>*</code> is a wildcard inside a word: “idiot*” matches “idiots” and “idiotic”; “f*ck” matches “feck”.</li>
          <li>Several words match with any spaces or punctuation between them: “go to hell” matches “Go to... HELL!”.</li>
        </ul>
      </details>
      ${this.phase === 'loading' ? html`<p class="state">Loading word lists…</p>` : nothing}
      ${this.phase === 'error' ? html`<div class="state" role="alert"><p>${this.error}</p><button class="secondary" @click=${() => void this.reload()}>Try again</button></div>` : nothing}
      ${this.phase === 'ready' ? html`<div class="panels">${KINDS.map(([k, label, about]) => this.list(k, label, about))}</div>` : nothing}`;
  }
}
