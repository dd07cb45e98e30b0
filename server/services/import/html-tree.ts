import sax from 'sax';

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
/** Elements that never have content; sax does not know HTML, so it would nest what follows. */
const VOID = new Set(['br', 'img', 'hr', 'input', 'meta', 'link', 'wbr', 'area', 'base', 'col', 'embed', 'source', 'track', 'param']);
/** Elements HTML closes implicitly when a sibling of the same kind opens (`<li>a<li>b`). */
const SELF_ENDING = new Set(['p', 'li']);
/**
 * sax reads XML: after the first element closes, the rest would be "text outside the root".
 * Comment HTML has many top-level elements, so it is wrapped in this element, which adds no node.
 */
const WRAPPER = 'footnote-html-root';
/** Deeper nesting is flattened: nobody writes it, and it would make rendering recurse without end. */
const MAX_DEPTH = 40;

interface Frame {
  /** Where content goes while this tag is the innermost: its own node, or the one below's. */
  container: HtmlElement;
  /** The node `container` was attached to, for implicitly closed siblings. */
  containerParent: HtmlElement;
  /** Nesting of `container` in the tree; void and flattened tags add none. */
  depth: number;
  dropped: boolean;
}

/**
 * Parses comment HTML with sax in its lenient mode, so broken markup (`<scr<script>ipt>`,
 * unclosed tags, stray `<`) still yields a tree and no tag can slip through as text.
 * Scripts are never text here: sax hands `<script>` content to `onscript`, which is ignored.
 */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { kind: 'element', name: '#root', attrs: {}, children: [] };
  const frames: Frame[] = [];
  let dropping = 0;
  const top = (): Frame => frames[frames.length - 1] ?? { container: root, containerParent: root, depth: 0, dropped: false };

  const parser = sax.parser(false, { lowercase: true, position: false });
  parser.onerror = () => parser.resume();
  parser.onopentag = (tag) => {
    const name = tag.name;
    const below = top();
    if (frames.length === 0 && name === WRAPPER) {
      frames.push(below);
      return;
    }
    const dropped = dropping > 0 || DROPPED.has(name);
    if (dropped) dropping++;
    if (dropped || below.depth >= MAX_DEPTH) {
      frames.push({ ...below, dropped });
      return;
    }
    const attrs: Record<string, string> = {};
    for (const [key, value] of Object.entries(tag.attributes)) attrs[key] = String(value);
    const node: HtmlElement = { kind: 'element', name, attrs, children: [] };
    const sibling = SELF_ENDING.has(name) && below.container.name === name;
    const parent = sibling ? below.containerParent : below.container;
    parent.children.push(node);
    frames.push(VOID.has(name) ? { ...below, dropped: false } : { container: node, containerParent: parent, depth: below.depth + 1, dropped: false });
  };
  parser.onclosetag = () => {
    if (frames.pop()?.dropped) dropping--;
  };
  const addText = (text: string): void => {
    if (dropping > 0 || !text) return;
    const siblings = top().container.children;
    const last = siblings[siblings.length - 1];
    if (last?.kind === 'text') last.text += text;
    else siblings.push({ kind: 'text', text });
  };
  parser.ontext = addText;
  parser.oncdata = addText;
  const source = html
    // A "<" that cannot start a tag is text in HTML; sax would wait for a name after spaces.
    .replace(/<(?![A-Za-z/!?])/g, '&lt;')
    // sax ends a script only at a lower-case "</script>"; otherwise the rest would vanish with it.
    .replace(/<\/script\s*>/gi, '</script>');
  try {
    parser.write(`<${WRAPPER}>${source}</${WRAPPER}>`).close();
  } catch {
    // sax should not throw in lenient mode; if it ever does, what was parsed is still the comment.
  }
  return root;
}
