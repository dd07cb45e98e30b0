import type { DecisionStatus } from '../contract';
import type { DeskQueue } from './queue';

/** Typing in these must never trigger a shortcut. */
const TYPING = 'input:not([type="checkbox"]):not([type="radio"]), textarea, select, [contenteditable]:not([contenteditable="false"])';

/**
 * The queue's keyboard shortcuts: j/k move, a publish, r reject, s spam, f feature,
 * x select, / search, ? help. They act on the highlighted comment (the one holding the
 * focus, or the last one that did) and stay off while the moderator types in a field.
 */
export function queueKeys(q: DeskQueue) {
  const current = (): HTMLElement | null =>
    document.activeElement?.closest<HTMLElement>('desk-queue .card') ?? q.querySelector<HTMLElement>(`.card[data-id="${q.currentId}"]`);

  const move = (delta: number) => {
    const cards = q.cards();
    if (cards.length === 0) return;
    const at = cards.indexOf(current() as HTMLElement);
    const to = at < 0 ? (delta > 0 ? 0 : cards.length - 1) : Math.max(0, Math.min(cards.length - 1, at + delta));
    cards[to]?.focus();
  };

  const act = (run: (id: number) => void) => {
    const card = current();
    const c = card && q.items.find((x) => String(x.id) === card.dataset.id);
    if (c && !q.busy.has(c.id)) run(c.id);
    else if (!c) q.desk.announce('Choose a comment first: press j to move to the first one.');
  };
  const decide = (status: DecisionStatus, done: string) =>
    act((id) => {
      const c = q.items.find((x) => x.id === id)!;
      if (c.status !== status || (status === 'published' && q.status === 'reported')) void q.decide(c, { status }, done);
    });

  return (e: KeyboardEvent) => {
    if (!q.active || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement | null;
    if (target?.closest?.(TYPING) || !q.isConnected) return;
    switch (e.key) {
      case 'j':
        move(1);
        break;
      case 'k':
        move(-1);
        break;
      case 'a':
        decide('published', 'Published');
        break;
      case 'r':
        decide('rejected', 'Rejected');
        break;
      case 's':
        decide('spam', 'Marked as spam');
        break;
      case 'f':
        act((id) => {
          const c = q.items.find((x) => x.id === id)!;
          if (c.status === 'published') void q.decide(c, { featured: !c.featured }, c.featured ? 'Unfeatured' : 'Featured');
        });
        break;
      case 'x':
        act((id) => q.toggle(id));
        break;
      case '/':
        q.querySelector<HTMLInputElement>('#queue-search')?.focus();
        break;
      case '?':
        q.showHelp(!q.helpOpen);
        break;
      default:
        return;
    }
    e.preventDefault();
  };
}
