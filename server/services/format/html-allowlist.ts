/**
 * The second, independent guard on comment HTML: a check that rendered output contains only the
 * tags and attributes the comment format allows, and nothing else that a browser would parse as
 * markup.
 *
 * It validates instead of sanitising, and it does not parse HTML. That is enough because of how
 * the output is produced: markdown-it runs with `html: false`, so every `&`, `<`, `>` and `"` a
 * reader typed reaches the output escaped as an entity. Any raw `<` or `>` in the output was
 * therefore written by the renderer itself, and renderer tags are a small fixed set with a fixed
 * shape. So: remove every tag that matches the allowed shapes exactly, and if a single `<` or
 * `>` is left over, something unexpected (a future markdown-it change, a rule enabled by
 * mistake) produced markup, and the caller must not use the output. Attribute values cannot
 * break out of their quotes either: `"` inside them is escaped too, so `[^"<>]*` is the whole
 * value.
 */

/** Tags with no attributes, as markdown-it writes them (`<br>`, not `<br />`). */
const PLAIN = 'p|br|strong|em|code|pre|blockquote|ul|li';
const CLOSING = 'p|strong|em|a|code|pre|blockquote|ul|ol|li';

/** The exact `rel` every link carries; also what {@link isAllowedCommentHtml} demands. */
export const LINK_REL = 'nofollow ugc noopener';

const ALLOWED_TAG_RE = new RegExp(
  [
    `<(?:${PLAIN})>`,
    `</(?:${CLOSING})>`,
    // An ordered list that starts at another number ("3. point three") keeps its start.
    '<ol(?: start="\\d{1,10}")?>',
    `<a href="(?:https?://|mailto:)[^"<>]*" rel="${LINK_REL}">`,
  ].join('|'),
  'g',
);

/**
 * Whether `html` contains only: p, br, strong, em, code, pre, blockquote, ul, ol (optionally
 * with a numeric `start`), li, and `a` with an http(s) or mailto `href` and `rel="nofollow ugc
 * noopener"` -- with no other attribute, and no other `<` or `>` anywhere.
 */
export function isAllowedCommentHtml(html: string): boolean {
  return !/[<>]/.test(html.replace(ALLOWED_TAG_RE, ''));
}
