import { render } from 'lit/html.js';

/** Tags CSS text so editors highlight it; the text is ours, never a reader's. */
export const css = String.raw;

const sheets = new Map<string, CSSStyleSheet>();

/**
 * The base of Footnote's elements: an open shadow root, the class's CSS, and lit-html
 * rendering batched to one per microtask. It keeps Lit's names (`renderRoot`,
 * `requestUpdate`, `updateComplete`, `render`) without LitElement's reactive properties: our
 * elements change state in methods that then call `requestUpdate()`, and that property system
 * costs a large share of the room left in embed.js's size budget (docs/widget.md, "Size").
 */
export abstract class FootnoteElement extends HTMLElement {
  /** The element's CSS, for its shadow root. */
  static css = '';
  readonly renderRoot: ShadowRoot;
  /** Settles once the render asked for last has happened. */
  updateComplete: Promise<void> = Promise.resolve();
  private queued = false;

  constructor() {
    super();
    this.renderRoot = this.attachShadow({ mode: 'open' });
    const text = (this.constructor as typeof FootnoteElement).css;
    if ('adoptedStyleSheets' in ShadowRoot.prototype) {
      // One constructed sheet per class, shared by every instance; a strict CSP allows it.
      let sheet = sheets.get(text);
      if (!sheet) {
        sheets.set(text, (sheet = new CSSStyleSheet()));
        sheet.replaceSync(text);
      }
      this.renderRoot.adoptedStyleSheets = [sheet];
    } else {
      const style = document.createElement('style');
      style.textContent = text;
      this.renderRoot.append(style);
    }
  }

  /** Renders on the next microtask; many calls in one task render once. */
  requestUpdate(): void {
    if (this.queued) return;
    this.queued = true;
    this.updateComplete = Promise.resolve().then(() => {
      this.queued = false;
      render(this.render(), this.renderRoot, { host: this });
    });
  }

  connectedCallback(): void {
    this.requestUpdate();
  }

  disconnectedCallback(): void {}

  /** The shadow root's content: a lit-html template. */
  abstract render(): unknown;
}

/** String properties that mirror attributes: `el.theme = 'dark'` sets `theme="dark"`, `null` removes it. */
export function attributeProperties(element: typeof HTMLElement, names: string[]): void {
  for (const name of names) {
    Object.defineProperty(element.prototype, name, {
      get(this: HTMLElement) {
        return this.getAttribute(name);
      },
      set(this: HTMLElement, value: string | null) {
        if (value === null) this.removeAttribute(name);
        else this.setAttribute(name, value);
      },
    });
  }
}
