/**
 * The widget's one sanitiser. The server already renders comment Markdown with a strict
 * allowlist; this rebuilds that HTML from scratch in the browser as a second line of
 * defence: only these tags survive, no attribute is copied except an http(s)/mailto `href`,
 * and everything else becomes its text. The input is parsed inside a <template>, whose
 * content is inert (no script runs, no image loads) while we walk it.
 */
const ALLOWED = new Set(['P', 'BR', 'STRONG', 'EM', 'A', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI']);

function copy(from: Node, to: Node): void {
  for (const node of Array.from(from.childNodes)) {
    if (node.nodeType === 3) {
      to.appendChild(document.createTextNode(node.textContent ?? ''));
    } else if (node instanceof Element) {
      if (!ALLOWED.has(node.tagName)) {
        copy(node, to);
        continue;
      }
      const el = document.createElement(node.tagName.toLowerCase());
      if (node.tagName === 'A') {
        const href = node.getAttribute('href') ?? '';
        if (!/^(https?:|mailto:)/i.test(href)) {
          copy(node, to);
          continue;
        }
        el.setAttribute('href', href);
        el.setAttribute('rel', 'nofollow ugc noopener');
        el.setAttribute('target', '_blank');
      }
      copy(node, el);
      to.appendChild(el);
    }
  }
}

export function safeFragment(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  const out = document.createDocumentFragment();
  copy(template.content, out);
  return out;
}
