import { html, nothing } from 'lit';
import { queueCard } from './queue-card';
import type { DeskQueue } from './queue';
import type { DecisionStatus, QueueName } from '../contract';

export const QUEUES: [QueueName, string, string][] = [
  ['pending', 'Pending', 'Held for review: readers do not see these until you publish them.'],
  ['reported', 'Reported', 'Flagged by readers. Enough reports hide a comment until you decide; any decision clears the reports.'],
  ['published', 'Published', 'Visible to readers and counted in the footer.'],
  ['rejected', 'Rejected', 'Hidden from readers.'],
  ['spam', 'Spam', 'Held as spam: never shown to readers.'],
];

const EMPTY: Record<QueueName, string> = {
  pending: 'Nothing is waiting for review.',
  reported: 'No reported comments to look at.',
  published: 'No published comments.',
  rejected: 'No rejected comments.',
  spam: 'No comments held as spam.',
};

/** Arrow keys move between tabs, as the ARIA tabs pattern expects. */
function tabKeys(q: DeskQueue, e: KeyboardEvent): void {
  const i = QUEUES.findIndex(([id]) => id === q.status);
  const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? QUEUES.length - 1 : null;
  if (to === null) return;
  e.preventDefault();
  const next = QUEUES[(to + QUEUES.length) % QUEUES.length]![0];
  q.switchTo(next);
  void q.updateComplete.then(() => q.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
}

function tabs(q: DeskQueue) {
  return html`<div class="tabs" role="tablist" aria-label="Queues" @keydown=${(e: KeyboardEvent) => tabKeys(q, e)}>
    ${QUEUES.map(
      ([id, label]) => html`<button role="tab" id="tab-${id}" aria-selected=${id === q.status ? 'true' : 'false'} aria-controls="queue-panel"
        tabindex=${id === q.status ? 0 : -1} @click=${() => q.switchTo(id)}>
        ${label} <span class="count ${id === 'pending' || id === 'reported' ? 'hot' : ''}">${q.counts ? q.counts[id].toLocaleString('en') : '…'}</span>
      </button>`,
    )}
  </div>`;
}

function filters(q: DeskQueue) {
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    q.applyFilters(String(data.get('q') ?? ''), String(data.get('thread') ?? ''));
  };
  return html`<form class="filters" role="search" aria-label="Filter comments" @submit=${submit}>
    <label>Search <input type="search" name="q" id="queue-search" .value=${q.q} placeholder="Text, name or email" maxlength="200" /></label>
    <label>Thread <input type="text" name="thread" .value=${q.thread} placeholder="Thread key (all threads)" maxlength="512" spellcheck="false" /></label>
    <div class="row">
      <button class="secondary">Filter</button>
      ${q.q || q.thread ? html`<button type="button" class="link" @click=${() => q.applyFilters('', '')}>Clear filters</button>` : nothing}
    </div>
  </form>`;
}

function bulkBar(q: DeskQueue) {
  const n = q.selected.size;
  const all = n > 0 && n === q.items.length;
  const off = n === 0;
  const b = (label: string, status: DecisionStatus, done: string) =>
    html`<button class="secondary" ?disabled=${off} @click=${() => void q.bulk({ status }, done)}>${label}</button>`;
  return html`<div class="bulk" role="group" aria-label="Selected comments">
    <label class="check"><input type="checkbox" .checked=${all} .indeterminate=${n > 0 && !all} ?disabled=${q.items.length === 0}
      @change=${(e: Event) => q.selectAll((e.target as HTMLInputElement).checked)} /> Select all shown</label>
    <span class="muted">${n} selected</span>
    <span class="row">
      ${q.status !== 'published' ? b(q.status === 'spam' ? 'Not spam' : 'Publish', 'published', 'Published') : nothing}
      ${q.status !== 'rejected' ? b('Reject', 'rejected', 'Rejected') : nothing}
      ${q.status !== 'spam' ? b('Spam', 'spam', 'Marked as spam') : nothing}
    </span>
  </div>`;
}

function shortcuts(q: DeskQueue) {
  return html`<details class="keys" ?open=${q.helpOpen} @toggle=${(e: Event) => q.showHelp((e.target as HTMLDetailsElement).open)}>
    <summary>Keyboard shortcuts</summary>
    <dl>
      <div><dt><kbd>j</kbd> / <kbd>k</kbd></dt><dd>next / previous comment</dd></div>
      <div><dt><kbd>a</kbd></dt><dd>publish (approve)</dd></div>
      <div><dt><kbd>r</kbd></dt><dd>reject</dd></div>
      <div><dt><kbd>s</kbd></dt><dd>mark as spam</dd></div>
      <div><dt><kbd>f</kbd></dt><dd>feature / unfeature (published)</dd></div>
      <div><dt><kbd>x</kbd></dt><dd>select / unselect</dd></div>
      <div><dt><kbd>/</kbd></dt><dd>search</dd></div>
      <div><dt><kbd>?</kbd></dt><dd>show or hide this list</dd></div>
    </dl>
    <p class="hint">Shortcuts act on the highlighted comment and are off while you type in a field.</p>
  </details>`;
}

function list(q: DeskQueue) {
  if (q.phase === 'loading') return html`<p class="state">Loading comments…</p>`;
  if (q.phase === 'error') {
    return html`<div class="state" role="alert"><p>${q.error}</p><button class="secondary" @click=${() => void q.load()}>Try again</button></div>`;
  }
  if (q.items.length === 0) {
    const empty = q.q ? 'No comments match this search.' : q.thread ? `${EMPTY[q.status].slice(0, -1)} in this thread.` : EMPTY[q.status];
    return html`<p class="state">${empty}</p>`;
  }
  return html`<ol class="cards">${q.items.map((c) => queueCard(q, c))}</ol>
    ${q.next
      ? html`<p class="more"><button class="secondary" ?disabled=${q.loadingMore} @click=${() => void q.loadMore()}>${q.loadingMore ? 'Loading…' : 'Load more'}</button></p>`
      : nothing}`;
}

/** The whole queue section. */
export function queueView(q: DeskQueue) {
  const about = QUEUES.find(([id]) => id === q.status)?.[2] ?? '';
  return html`<div class="head">
      <h1 id="queue-heading" tabindex="-1">Comments</h1>
      ${shortcuts(q)}
    </div>
    ${tabs(q)}
    <div id="queue-panel" role="tabpanel" aria-labelledby="tab-${q.status}">
      <p class="hint about">${about}${q.thread ? html` Showing thread <strong>${q.thread}</strong> only.` : nothing}</p>
      ${filters(q)} ${bulkBar(q)} ${list(q)}
    </div>`;
}
