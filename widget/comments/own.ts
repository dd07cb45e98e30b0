import type { Comment } from '../api/types';
import { load, save } from '../lib/storage';

/** What this browser remembers of a comment it posted: the edit token and, while held, the comment. */
interface Own {
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

export const ownComments = {
  get: (id: number): Own | undefined => all()[id],
  remember(id: number, own: Own): void {
    save(KEY, { ...all(), [id]: own });
  },
  forget(id: number): void {
    const mine = all();
    delete mine[id];
    save(KEY, mine);
  },
  /** Comments this browser posted to `thread` that still await review. */
  pending: (thread: string): Comment[] =>
    Object.values(all())
      .filter((o) => o.thread === thread && o.pending)
      .map((o) => o.pending!),
  canEdit: (id: number): boolean => {
    const o = all()[id];
    return Boolean(o && Date.now() - o.at < EDIT_WINDOW_MS);
  },
};
