import { parseHtml, type HtmlElement, type HtmlNode } from './html-tree';
import { codeSpan, escapeHtml, escapeLineStarts, escapeMarkdown, safeHref, tidy } from './markdown-text';

export { safeHref } from './markdown-text';

/** Options for {@link htmlToText}. */
export interface HtmlToTextOptions {
  /**
   * The text between tags is already Markdown (Isso stores Markdown with some HTML): keep its
   * `*`, `_`, `[` as formatting instead of escaping them. `<` is still escaped.
   */
  markdownText?: boolean;
}

interface Ctx {
  markdownText: boolean;
  inLink: boolean;
}

const BLOCK = new Set([
  'p', 'div', 'blockquote', 'ul', 'ol', 'li', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'section', 'article', 'header', 'footer', 'aside',
  'nav', 'main', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'address', 'details', 'summary',
  'center', 'form', 'fieldset',
]);

/**
 * Turns comment HTML (a Disqus message, a WordPress comment) into Footnote's text with its
 * small Markdown subset: paragraphs, line breaks, `**bold**`, `*italic*`, `[links](https://…)`,
 * `` `code` ``, `> quotes`, `- lists`. Every other tag is dropped keeping its text; scripts and
 * styles are dropped whole; links other than http(s) and mailto keep only their text.
 *
 * Line breaks in text are kept, because WordPress stores plain text whose newlines are the
 * author's line breaks. Text is Markdown-escaped so that `2*3*4` or a literal `<b>` typed by a
 * reader stays text. The result is trimmed.
 */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  let source = html.replace(/\r\n?/g, '\n');
  // Markdown autolinks would parse as tags named "https:"; make them plain URLs first.
  if (options.markdownText) source = source.replace(/<((?:https?|mailto):[^\s<>]*)>/gi, '$1');
  return blocks(parseHtml(source).children, { markdownText: !!options.markdownText, inLink: false });
}

/** Renders nodes as Markdown blocks separated by blank lines. */
function blocks(nodes: HtmlNode[], ctx: Ctx): string {
  let out = '';
  let inline = '';
  let lastWasText = false;
  const flush = (): void => {
    // A reader's `> `, `- ` or `1. ` at a line start is text, not a quote or a list.
    const paragraph = ctx.markdownText ? tidy(inline) : escapeLineStarts(tidy(inline));
    if (paragraph) out += (out ? '\n\n' : '') + paragraph;
    lastWasText ||= !!paragraph;
    inline = '';
  };
  for (const node of nodes) {
    if (node.kind === 'element' && BLOCK.has(node.name)) {
      flush();
      const block = blockOf(node, ctx);
      // A list right under text (`<li>b<ul>…`) joins it with one newline so the list stays tight.
      const list = node.name === 'ul' || node.name === 'ol';
      if (block) out += (out ? (list && lastWasText ? '\n' : '\n\n') : '') + block;
      lastWasText = false;
    } else {
      inline += inlineOf(node, ctx);
    }
  }
  flush();
  return out;
}

function blockOf(el: HtmlElement, ctx: Ctx): string {
  switch (el.name) {
    case 'blockquote':
      return blocks(el.children, ctx).split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n');
    case 'ul':
    case 'ol':
      return list(el, ctx);
    case 'li':
      return item('- ', blocks(el.children, ctx));
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
      // Headings are not in the subset; bold keeps the emphasis without growing the text.
      return wrap('**', tidy(inlineChildren(el, ctx)).replace(/\n+/g, ' '));
    case 'hr':
      return '';
    default:
      return blocks(el.children, ctx);
  }
}

function list(el: HtmlElement, ctx: Ctx): string {
  const items: string[] = [];
  for (const child of el.children) {
    const body = child.kind === 'element' && child.name === 'li' ? blocks(child.children, ctx) : blocks([child], ctx);
    if (body) items.push(item(el.name === 'ol' ? `${items.length + 1}. ` : '- ', body));
  }
  return items.join('\n');
}

/** A list item: marker on the first line, the rest indented under it. */
function item(marker: string, body: string): string {
  if (!body) return '';
  const pad = ' '.repeat(marker.length);
  return body.split('\n').map((line, i) => (i === 0 ? marker + line : line ? pad + line : '')).join('\n');
}

function inlineChildren(el: HtmlElement, ctx: Ctx): string {
  return el.children.map((node) => inlineOf(node, ctx)).join('');
}

function inlineOf(node: HtmlNode, ctx: Ctx): string {
  if (node.kind === 'text') return ctx.markdownText ? escapeHtml(node.text) : escapeMarkdown(node.text);
  switch (node.name) {
    case 'br':
      return '\n';
    case 'b': case 'strong':
      return wrap('**', inlineChildren(node, ctx));
    case 'i': case 'em':
      return wrap('*', inlineChildren(node, ctx));
    case 'code': case 'kbd': case 'samp': case 'tt':
      return codeSpan(textOf(node));
    case 'a':
      return link(node, ctx);
    case 'img':
      return image(node, ctx);
    case 'td': case 'th':
      return `${inlineChildren(node, ctx)} `;
    default:
      // A block inside inline content (`<b><p>x</p></b>`) still starts on its own line.
      return BLOCK.has(node.name) ? `\n${inlineChildren(node, ctx)}\n` : inlineChildren(node, ctx);
  }
}

function link(el: HtmlElement, ctx: Ctx): string {
  const text = inlineChildren(el, { ...ctx, inLink: true }).replace(/\s+/g, ' ').trim();
  const href = ctx.inLink ? null : safeHref(el.attrs.href);
  return href && text ? `[${text}](${href})` : text;
}

/** An image becomes a link to it (Footnote shows no images), or its alt text inside a link. */
function image(el: HtmlElement, ctx: Ctx): string {
  const alt = (el.attrs.alt ?? '').replace(/\s+/g, ' ').trim();
  const text = ctx.markdownText ? escapeHtml(alt) : escapeMarkdown(alt);
  const src = ctx.inLink ? null : safeHref(el.attrs.src);
  return src && !src.startsWith('mailto:') ? `[${text || 'image'}](${src})` : text;
}

/** Emphasis markers go inside surrounding spaces: `** x **` would not be bold in Markdown. */
function wrap(marker: string, inner: string): string {
  // trimStart/trimEnd rather than a regex: a lazy regex here is quadratic on long white space.
  const start = inner.length - inner.trimStart().length;
  const core = inner.trim();
  if (!core) return inner;
  if (core.startsWith(marker) && core.endsWith(marker) && core.length > 2 * marker.length) return inner;
  return `${inner.slice(0, start)}${marker}${core.replace(/\n{2,}/g, '\n')}${marker}${inner.slice(start + core.length)}`;
}

function textOf(node: HtmlNode): string {
  if (node.kind === 'text') return node.text;
  return node.name === 'br' ? ' ' : node.children.map(textOf).join('');
}
