import { LitElement, type PropertyValues } from 'lit';
import { messageOf } from './api';
import { plural } from './format';
import { queueKeys } from './queue-keys';
import { queueView } from './queue-view';
import type { Decision, DeskComment, QueueCounts, QueueName } from '../contract';
import type { Desk } from './types';

/** Whether a comment still belongs in a queue after a change (a decision clears its reports). */
export const belongs = (c: DeskComment, q: QueueName) =>
  q === 'reported' ? c.reports > 0 && !c.reportsReviewed && c.status !== 'deleted' : c.status === q;

/** A copy of `set` with `ids` added (`on`) or taken out: state is replaced, never changed in place. */
const withIds = (set: ReadonlySet<number>, ids: number[], on: boolean) => {
  const copy = new Set(set);
  for (const id of ids) {
    if (on) copy.add(id);
    else copy.delete(id);
  }
  return copy;
};

const chunks = <T>(list: T[], n: number) => Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, i * n + n));

/**
 * `<desk-queue>`: the moderation queues as tabs, with search, a thread filter, select-many
 * and keyboard shortcuts. Every action updates the list in place (a comment that leaves the
 * queue disappears and the next one takes the focus) and the tab counts, without a reload.
 */
export class DeskQueue extends LitElement {
  static override properties = {
    desk: { attribute: false },
    active: { type: Boolean },
    ...Object.fromEntries(
      ['status', 'thread', 'q', 'items', 'next', 'counts', 'phase', 'error', 'selected', 'busy', 'confirming', 'banning', 'loadingMore', 'helpOpen', 'currentId'].map((k) => [k, { state: true }]),
    ),
  };
  declare desk: Desk;
  declare active: boolean;

  status: QueueName = 'pending';
  thread = '';
  q = '';
  items: DeskComment[] = [];
  next: string | null = null;
  counts: QueueCounts | null = null;
  phase: 'loading' | 'ready' | 'error' = 'loading';
  error = '';
  selected: ReadonlySet<number> = new Set<number>();
  busy: ReadonlySet<number> = new Set<number>();
  confirming: number | null = null;
  banning: number | null = null;
  loadingMore = false;
  helpOpen = false;
  /** The comment the shortcuts act on (the last one focused). */
  currentId: number | null = null;
  private seq = 0;
  private readonly onKey = queueKeys(this);

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKey);
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('active') && this.active) void this.load();
  }

  get filter() {
    return { status: this.status, thread: this.thread, q: this.q };
  }

  /** Loads the first page; a newer load overtakes an older one still in flight. */
  async load(): Promise<void> {
    const seq = ++this.seq;
    try {
      const page = await this.desk.api.queue(this.filter, null);
      if (seq !== this.seq) return;
      Object.assign(this, { items: page.comments, next: page.next, counts: page.counts, phase: 'ready', error: '' });
      this.selected = new Set([...this.selected].filter((id) => page.comments.some((c) => c.id === id)));
    } catch (err) {
      if (seq !== this.seq) return;
      Object.assign(this, { phase: 'error', error: messageOf(err) });
    }
  }

  async loadMore(): Promise<void> {
    if (!this.next || this.loadingMore) return;
    this.loadingMore = true;
    const before = this.items.length;
    try {
      const page = await this.desk.api.queue(this.filter, this.next);
      this.items = [...this.items, ...page.comments.filter((c) => !this.items.some((x) => x.id === c.id))];
      Object.assign(this, { next: page.next, counts: page.counts });
    } catch (err) {
      this.desk.announce(messageOf(err));
    }
    this.loadingMore = false;
    await this.updateComplete;
    this.cards()[before]?.focus();
  }

  switchTo(status: QueueName): void {
    Object.assign(this, { status, items: [], next: null, phase: 'loading', confirming: null, banning: null, currentId: null, selected: new Set() });
    void this.load();
  }

  applyFilters(q: string, thread: string): void {
    Object.assign(this, { q: q.trim(), thread: thread.trim() });
    this.switchTo(this.status);
  }

  filterThread(key: string): void {
    this.applyFilters(this.q, key);
  }

  cards(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('.card')];
  }

  toggle(id: number): void {
    this.selected = withIds(this.selected, [id], !this.selected.has(id));
  }

  /** The comment the shortcuts act on: the one that last held the focus. */
  highlight(id: number): void {
    this.currentId = id;
  }

  showHelp(open: boolean): void {
    this.helpOpen = open;
  }

  selectAll(on: boolean): void {
    this.selected = new Set(on ? this.items.map((c) => c.id) : []);
  }

  /** Replaces changed comments, drops those that left the queue, and keeps the focus useful. */
  private async apply(changed: DeskComment[], gone: number[]): Promise<void> {
    const focused = document.activeElement?.closest<HTMLElement>('.card');
    const focusIndex = focused ? this.cards().indexOf(focused) : -1;
    const byId = new Map(changed.map((c) => [c.id, c]));
    this.items = this.items.map((c) => byId.get(c.id) ?? c).filter((c) => belongs(c, this.status) && !gone.includes(c.id));
    this.selected = new Set([...this.selected].filter((id) => this.items.some((c) => c.id === id)));
    void this.refreshCounts();
    await this.updateComplete;
    // The focused comment left the list: hand the focus to the one that took its place.
    if (focused && !focused.isConnected) {
      const cards = this.cards();
      (cards[Math.min(focusIndex, cards.length - 1)] ?? this.querySelector<HTMLElement>('#queue-heading'))?.focus();
    }
  }

  async refreshCounts(): Promise<void> {
    const res = await this.desk.api.counts(this.thread).catch(() => null);
    if (!res) return;
    this.counts = res.counts;
  }

  async decide(c: DeskComment, d: Decision, done: string): Promise<void> {
    if (this.busy.has(c.id)) return;
    this.busy = withIds(this.busy, [c.id], true);
    try {
      const { comment } = await this.desk.api.decide(c.id, d);
      this.busy = withIds(this.busy, [c.id], false);
      await this.apply([comment], []);
      this.desk.announce(`${done} the comment by ${c.author}.`);
    } catch (err) {
      this.busy = withIds(this.busy, [c.id], false);
      this.desk.announce(messageOf(err));
    }
  }

  async bulk(d: Decision, done: string): Promise<void> {
    const ids = [...this.selected];
    if (ids.length === 0) return;
    this.busy = withIds(this.busy, ids, true);
    try {
      const changed: DeskComment[] = [];
      const missing: number[] = [];
      for (const part of chunks(ids, 100)) {
        const r = await this.desk.api.decideMany(part, d);
        changed.push(...r.comments);
        missing.push(...r.missing);
      }
      this.busy = withIds(this.busy, ids, false);
      await this.apply(changed, missing);
      this.desk.announce(`${done} ${plural(changed.length, 'comment')}.`);
    } catch (err) {
      this.busy = withIds(this.busy, ids, false);
      this.desk.announce(messageOf(err));
    }
  }

  async erase(c: DeskComment): Promise<void> {
    this.confirming = null;
    try {
      await this.desk.api.erase(c.id);
      await this.apply([], [c.id]);
      this.desk.announce(`Deleted the comment by ${c.author} for good.`);
    } catch (err) {
      this.desk.announce(messageOf(err));
    }
  }

  async ban(e: SubmitEvent, c: DeskComment): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const days = Number(data.get('days'));
    const reason = String(data.get('reason') ?? '').trim();
    try {
      const banEmail = data.get('banEmail') === 'on';
      await this.desk.api.ban({ commentId: c.id, ...(banEmail ? { banEmail } : {}), ...(reason ? { reason } : {}), ...(days > 0 ? { days } : {}) });
      this.banning = null;
      this.desk.announce(`Banned the author of this comment (${c.author}) ${days > 0 ? `for ${plural(days, 'day')}` : 'for good'}.`);
    } catch (err) {
      this.desk.announce(messageOf(err));
    }
    await this.updateComplete;
    this.querySelector<HTMLElement>(`.card[data-id="${c.id}"]`)?.focus();
  }

  /** Opens or closes an inline step (delete confirmation, ban form) and moves the focus into it. */
  async step(kind: 'confirming' | 'banning', id: number | null): Promise<void> {
    const opened = id ?? this[kind];
    this.confirming = null;
    this.banning = null;
    this[kind] = id;
    await this.updateComplete;
    const card = this.querySelector<HTMLElement>(`.card[data-id="${opened}"]`);
    (id === null ? card : card?.querySelector<HTMLElement>('.step [data-autofocus]'))?.focus();
  }

  override render() {
    return queueView(this);
  }
}
