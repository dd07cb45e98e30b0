import type { Counts, OwnStatus, Sort } from '../../contract';

/** Shared types of <footnote-comments>: its state names and the events it fires. */
export type { Sort };
/** The panels that open under a comment; one at a time. */
export type Panel = 'replyTo' | 'editing' | 'confirming' | 'reporting';

/** Fired on the element whenever the counts change (first load, live, after posting). */
export type CountsEvent = CustomEvent<Counts>;
/** Fired on the element after the reader posted a comment or a reply. */
export type PostedEvent = CustomEvent<{ id: number; parentId: number | null; status: OwnStatus }>;

declare global {
  interface HTMLElementEventMap {
    'footnote-counts': CountsEvent;
    'footnote-posted': PostedEvent;
  }
}
