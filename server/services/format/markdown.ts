/**
 * Comment bodies are written in a small Markdown subset and stored with their rendered HTML.
 *
 * Enabled: paragraphs, line breaks (a single newline is a `<br>`), **bold**, *italic*, links
 * (written `[text](url)`, `<url>`, or a bare `https://…` URL or e-mail address; `www.x.com`
 * without a scheme stays text), `inline code`, fenced or
 * indented code blocks, blockquotes, bullet and numbered lists, and HTML entities such as
 * `&amp;`. Everything else is shown as the text the reader typed: headings, images (`![a](u)`
 * becomes "!" and a link), tables, rules, strikethrough, reference-style links, and raw HTML,
 * which is escaped.
 *
 * Links go only to `http://`, `https://` or `mailto:` addresses; anything else (javascript:,
 * data:, relative or protocol-relative URLs) stays plain text. Every link gets
 * `rel="nofollow ugc noopener"` (no `target`: the reader decides where a link opens). The output
 * is then checked against a tag allowlist ({@link isAllowedCommentHtml}); if the check ever fails
 * the body is stored as escaped plain text instead.
 */
import MarkdownIt from 'markdown-it';
import type { StateCore, Token } from 'markdown-it';
import { isAllowedCommentHtml, LINK_REL } from './html-allowlist';

const ALLOWED_HREF_RE = /^(?:https?:\/\/|mailto:)/i;

const md = new MarkdownIt('zero', { html: false, xhtmlOut: false, breaks: true, linkify: true, typographer: false });
// 'zero' starts with paragraphs and text only. Block rules first, then inline ones; `emphasis`
// and `linkify` each name rules in two chains, and enable() switches on both.
md.enable(['blockquote', 'list', 'code', 'fence']);
md.enable(['newline', 'escape', 'backticks', 'emphasis', 'link', 'autolink', 'entity', 'linkify']);

// Parse-time filter: a link whose destination fails this is not parsed as a link at all, so
// `[x](javascript:alert(1))` renders as that literal text. markdown-it decodes entities and
// escapes before asking, so `&#106;avascript:` arrives here as "javascript:".
md.validateLink = (url) => ALLOWED_HREF_RE.test(url.trim());

/**
 * Render-policy pass after parsing: links get exactly `href` + our `rel` (dropping `title`),
 * links that still have no acceptable href (`[x]()` parses with an empty one) lose their tags,
 * and fences lose their info string so `<code>` never carries a `class`.
 */
function applyPolicy(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type === 'fence') block.info = '';
    const open: boolean[] = [];
    for (const token of block.children ?? []) {
      if (token.type === 'link_open') {
        const href = String(token.attrGet('href') ?? '').trim();
        const ok = ALLOWED_HREF_RE.test(href);
        open.push(ok);
        if (ok) token.attrs = [['href', href.replace(/^[a-z]+:/i, (scheme: string) => scheme.toLowerCase())], ['rel', LINK_REL]];
        else dropTag(token);
      } else if (token.type === 'link_close' && open.pop() === false) dropTag(token);
    }
  }
}

/** Turns a tag token into empty text: its children (the link text) still render. */
function dropTag(token: Token): void {
  token.type = 'text';
  token.tag = '';
  token.content = '';
  token.attrs = null;
}

md.core.ruler.push('comment_policy', applyPolicy);

/** The fallback rendering: the body as escaped text, line breaks kept. */
function plainTextHtml(body: string): string {
  const text = body.trim();
  return text ? `<p>${md.utils.escapeHtml(text).replace(/\r\n?|\n/g, '<br>')}</p>` : '';
}

/**
 * The Markdown rendering alone, before the allowlist check; exported so tests can show the
 * check never has to step in. Use {@link renderCommentHtml}.
 */
export function renderMarkdownUnchecked(body: string): string {
  // trim: the renderer ends blocks with "\n", which would show as a gap in the widget.
  return md.render(body).trim();
}

/** Renders a reader's comment body to safe HTML (the contract's `html` field). */
export function renderCommentHtml(body: string): string {
  const html = renderMarkdownUnchecked(body);
  return isAllowedCommentHtml(html) ? html : plainTextHtml(body);
}
