import type { Counts, OwnStatus } from '../../contract';
import type { FootnoteComments } from './footnote-comments';

/**
 * Types of <footnote-comments> that are its own, not the API's (those are in contract/): its
 * phases, the names of its panels, what its templates see, and the events it fires.
 */

/** `idle`: the footer only, until the element nears the viewport; then the thread loads. */
export type Phase = 'idle' | 'loading' | 'ready' | 'error';

/** The panels that open under a comment; one at a time. */
export type Panel = 'replyTo' | 'editing' | 'confirming' | 'reporting';

/**
 * The element as its templates see it: they read its state and call its methods (and its
 * controllers'), never assign its fields, so state flows one way.
 */
export type View = Readonly<FootnoteComments>;

/** Fired on the element whenever the counts change (first load, live, after posting). */
export type CountsEvent = CustomEvent<Counts>;
/** Fired on the element after the reader posted a comment or a reply. */
export type PostedEvent = CustomEvent<{ id: number; parentId: number | null; status: OwnStatus }>;

declare global {
  interface HTMLElementEventMap {
    'footnote-counts': CountsEvent;
    'footnote-posted': PostedEvent;
    'footnote-login': CustomEvent<null>;
  }
}
