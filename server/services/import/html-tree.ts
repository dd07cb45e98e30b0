import { Parser } from 'htmlparser2';

/** A parsed HTML node: just enough structure to turn a comment into Markdown. */
export type HtmlNode = HtmlText | HtmlElement;
export interface HtmlText {
  kind: 'text';
  text: string;
}
export interface HtmlElement {
  kind: 'element';
  name: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
}

/** Elements whose content is never text a reader wrote; dropped with everything inside. */
const DROPPED = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'head', 'title']);
/** Deeper nesting is flattened: nobody writes it, and it would make rendering recurse without end. */
const MAX_DEPTH = 40;
/**
 * Open elements htmlparser2 keeps. It matches a closing tag by scanning its stack of open
 * elements (and opens one by shifting it), so a long message of endless unclosed tags would cost
 * time squared in its length; past this many, the outermost are forgotten (their closing tags
 * then close nothing, as a stray one does). Real comments nest a few levels.
 */
const MAX_OPEN = 256;

interface Frame {
  /** Where content goes while this tag is the innermost: its own node, or the one below's (flattened, dropped). */
  container: HtmlElement;
  /** Nesting of `container` in the tree; flattened tags add none. */
  depth: number;
  dropped: boolean;
}

/**
 * Parses comment HTML with htmlparser2, the way a browser tokenizes it: void elements (`<br>`),
 * implied ends (`<li>a<li>b`, `<p>` before a block), raw-text elements (a script's content is
 * never text), entities decoded, broken markup (`<scr<script>ipt>`, unclosed tags, stray `<`)
 * still a tree. Every open gets its close (implied ones too), so the frames stay balanced.
 */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { kind: 'element', name: '#root', attrs: {}, children: [] };
  const frames: Frame[] = [];
  let dropping = 0;
  const top = (): Frame => frames[frames.length - 1] ?? { container: root, depth: 0, dropped: false };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const below = top();
        const dropped = dropping > 0 || DROPPED.has(name);
        if (dropped) dropping++;
        if (dropped || below.depth >= MAX_DEPTH) {
          frames.push({ ...below, dropped });
          return;
        }
        const node: HtmlElement = { kind: 'element', name, attrs: { ...attribs }, children: [] };
        below.container.children.push(node);
        frames.push({ container: node, depth: below.depth + 1, dropped: false });
      },
      onopentagname() {
        // Called once the parser has put the element on its stack (innermost first).
        const { stack, foreign } = internals(parser);
        // <svg> and <math> also go on a second stack (innermost first), shifted the same way.
        if (foreign && foreign.length > MAX_OPEN) foreign.length = MAX_OPEN;
        if (!stack || stack.length <= MAX_OPEN) return;
        const excess = stack.length - MAX_OPEN;
        stack.length = MAX_OPEN;
        for (const gone of frames.splice(0, excess)) if (gone.dropped) dropping--;
      },
      onclosetag() {
        if (frames.pop()?.dropped) dropping--;
      },
      ontext(text) {
        if (dropping > 0 || !text) return;
        const siblings = top().container.children;
        const last = siblings[siblings.length - 1];
        if (last?.kind === 'text') last.text += text;
        else siblings.push({ kind: 'text', text });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return root;
}

/** htmlparser2's stacks of open elements (private in its typings, so checked rather than assumed). */
function internals(parser: Parser): { stack: unknown[] | null; foreign: unknown[] | null } {
  const { stack, foreignContext } = parser as unknown as { stack?: unknown; foreignContext?: unknown };
  return { stack: Array.isArray(stack) ? stack : null, foreign: Array.isArray(foreignContext) ? foreignContext : null };
}
