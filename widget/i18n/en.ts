/**
 * English messages: the reference catalogue every language follows (`enCore` and `enRest`
 * together). `{n}`, `{name}` are filled in; plural messages give one form per CLDR plural
 * category of the language.
 */

/** The words shown before the thread loads (the footer, loading, unreachable): built into embed.js, as every language's. */
export const enCore = {
  views: { one: '{n} view', other: '{n} views' },
  comments: { one: '{n} comment', other: '{n} comments' },
  region: 'Comments',
  loading: 'Loading comments…',
  unreachable: 'Comments are unavailable right now: the comment server cannot be reached.',
  retry: 'Try again',
};

/**
 * The rest, served as /i18n/en.json and fetched when the thread loads, like the other
 * languages' (0.7 KB brotli out of embed.js; never imported by it).
 */
export const enRest = {
  newComments: { one: 'Show {n} new comment', other: 'Show {n} new comments' },
  failed: 'Something went wrong. Please try again.',
  empty: 'No comments yet. Start the conversation.',
  closed: 'This discussion is closed to new comments.',
  name: 'Name',
  needName: 'Please enter a name to post under.',
  comment: 'Comment',
  needBody: 'Your comment is empty. Write something before posting.',
  hint: 'You can use **bold**, *italic*, [links](https://example.com), `code`, > quotes and - lists.',
  post: 'Post comment',
  recommend: 'Recommend',
  reply: 'Reply',
  postReply: 'Post reply',
  email: 'Email (optional, never shown)',
  notify: 'Email me replies',
  checkInbox: 'Check your inbox: follow the link in our mail to get replies by email.',
  replyAction: 'Reply to {name}',
  recommendAction: 'Recommend the comment by {name}',
  editAction: 'Edit your comment',
  removeAction: 'Delete your comment',
  reportAction: 'Report the comment by {name}',
  arrived: 'New comment by {name}',
  replyTo: 'Reply to {name}',
  cancel: 'Cancel',
  posted: 'Your comment was posted.',
  pending: 'Thank you. Your comment is awaiting review; until a moderator approves it, only you can see it.',
  awaiting: 'Awaiting review',
  edited: 'edited',
  deleted: 'This comment was deleted.',
  featured: 'Featured',
  inReplyTo: 'in reply to {name}',
  loadMore: 'Load more comments',
  sort: 'Sort by',
  oldest: 'Oldest',
  newest: 'Newest',
  top: 'Most recommended',
  edit: 'Edit',
  save: 'Save',
  remove: 'Delete',
  confirmRemove: 'Delete this comment?',
  report: 'Report',
  reportAs: 'Reason',
  spam: 'Spam',
  abuse: 'Abusive',
  'off-topic': 'Off-topic',
  other: 'Something else',
  reported: 'Thank you. A moderator will look at this comment.',
  justNow: 'just now',
  // Sign-in, badges, moderators in the thread, ignore (docs/sso.md).
  signedInAs: 'Signed in as {name}',
  signIn: 'Sign in to comment',
  closedOn: 'Comments closed on {date}.',
  badge: 'Badge: {name}',
  feature: 'Feature',
  featureAction: 'Feature the comment by {name}',
  takeDown: 'Remove',
  takeDownAction: 'Remove the comment by {name}',
  removed: 'The comment by {name} was removed.',
  ignore: 'Ignore',
  ignoreAction: 'Ignore {name}',
  ignoredLine: 'A comment by {name}, whom you ignore.',
  unignore: 'Show',
  unignoreAction: 'Stop ignoring {name}',
};

type Messages = typeof enCore & typeof enRest;
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type MessageKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];
export type PluralKey = { [K in keyof Messages]: Messages[K] extends { other: string } ? K : never }[keyof Messages];
/** A whole catalogue: every message of English, in another language. */
export type Catalogue = { [K in MessageKey]: string } & { [K in PluralKey]: Plural };

/** The footer's words of a catalogue: built into embed.js. */
export type Core = Pick<Catalogue, keyof typeof enCore>;
/** The rest of a catalogue: fetched from the server when the thread loads. */
export type Rest = Omit<Catalogue, keyof typeof enCore>;
