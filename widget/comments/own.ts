import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Comment } from '../api/types';
import { load, save } from '../lib/storage';

/** What this browser remembers of a comment it posted: the edit token and, while held, the comment. */
export interface Own {
  token: string;
  at: number;
  thread: string;
  pending?: Comment;
}

const KEY = 'own';
const WEEK = 7 * 86_400_000;
export const EDIT_WINDOW_MS = 15 * 60_000;

function all(): Record<string, Own> {
  const now = Date.now();
  const mine = load<Record<string, Own>>(KEY, {});
  // Forget tokens past the edit window, and held comments after a week.
  for (const [id, o] of Object.entries(mine)) {
    if (now - o.at > (o.pending ? WEEK : EDIT_WINDOW_MS)) delete mine[id];
  }
  return mine;
}

/**
 * The reader's own things, as a reactive controller: the edit tokens of the comments this
 * browser posted (15 minutes), their comments still held for review (a week), the name they
 * post under and the comments they recommended. Kept in localStorage (lib/storage.ts: the
 * widget works without it, forgetting these). A change re-renders the element.
 */
export class OwnController implements ReactiveController {
  /** The name typed last; stored once a comment is posted under it. */
  name = '';
  reacted: number[] = [];

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Read again whenever the element is put on a page: another tab may have posted meanwhile. */
  hostConnected(): void {
    this.name = load('name', '');
    this.reacted = load<number[]>('reacted', []);
  }

  get = (id: number): Own | undefined => all()[id];

  remember(id: number, own: Own): void {
    save(KEY, { ...all(), [id]: own });
    this.host.requestUpdate();
  }

  forget(id: number): void {
    const mine = all();
    delete mine[id];
    save(KEY, mine);
    this.host.requestUpdate();
  }

  /** Comments this browser posted to `thread` that still await review. */
  pending = (thread: string): Comment[] =>
    Object.values(all())
      .filter((o) => o.thread === thread && o.pending)
      .map((o) => o.pending!);

  canEdit(id: number): boolean {
    const o = all()[id];
    return Boolean(o && Date.now() - o.at < EDIT_WINDOW_MS);
  }

  /** Typing in a name field: held, not stored, until a comment is posted under it. */
  setName(name: string): void {
    this.name = name;
  }

  saveName(): void {
    save('name', this.name);
  }

  setReacted(id: number, on: boolean): void {
    const others = this.reacted.filter((x) => x !== id);
    this.reacted = on ? [...others, id] : others;
    save('reacted', this.reacted.slice(-500));
    this.host.requestUpdate();
  }
}

/**
 * Re-renders every 30 seconds while the page is shown: relative times ("3 minutes ago") and
 * the edit window move on while the page stays open.
 */
export class ClockController implements ReactiveController {
  private timer = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.timer = window.setInterval(() => document.hidden || this.host.requestUpdate(), 30_000);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }
}
