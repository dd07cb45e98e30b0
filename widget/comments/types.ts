import type { Counts, OwnStatus } from '../../contract';

/**
 * Types of <footnote-comments> that are its own, not the API's (those are in contract/): the
 * names of its panels and the events it fires.
 */

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
