import { css } from 'lit';

/**
 * Theme: every colour, font, radius and spacing is a custom property on :host, so a
 * publisher can match the page from outside (see docs/theming.md). Defaults inherit the
 * page's font and text colour so the widget reads as part of the article.
 */
export const styles = css`
  :host {
    --fn-font: inherit;
    --fn-text: inherit;
    --fn-muted: #5c6370;
    --fn-bg: transparent;
    --fn-surface: #f6f7f9;
    --fn-border: #d5d9e0;
    --fn-accent: #1d4ed8;
    --fn-accent-text: #fff;
    --fn-error: #b42318;
    --fn-radius: 6px;
    --fn-gap: 1rem;
    --fn-indent: 1.25rem;
    display: block;
    font: var(--fn-font);
    font-family: var(--fn-font-family, inherit);
    color: var(--fn-text);
    background: var(--fn-bg);
    line-height: 1.5;
  }
  :host([theme='dark']) {
    --fn-text: #e8eaed;
    --fn-muted: #a8b0bd;
    --fn-bg: #16181d;
    --fn-surface: #22252c;
    --fn-border: #3b404a;
    --fn-accent: #8ab4f8;
    --fn-accent-text: #0b1220;
    --fn-error: #ff8a80;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --fn-text: #e8eaed;
      --fn-muted: #a8b0bd;
      --fn-bg: #16181d;
      --fn-surface: #22252c;
      --fn-border: #3b404a;
      --fn-accent: #8ab4f8;
      --fn-accent-text: #0b1220;
      --fn-error: #ff8a80;
    }
  }
  * { box-sizing: border-box; }
  .footer { color: var(--fn-muted); margin: 0 0 var(--fn-gap); font-size: .95em; }
  .bar { display: flex; gap: .5rem; align-items: center; justify-content: space-between; flex-wrap: wrap; margin-bottom: .5rem; }
  h2 { font-size: 1.1em; margin: 0; }
  ol { list-style: none; margin: 0; padding: 0; }
  .replies { margin-inline-start: var(--fn-indent); padding-inline-start: .75rem; border-inline-start: 2px solid var(--fn-border); }
  .comment { margin: 0 0 var(--fn-gap); }
  .comment:focus { outline: 2px solid var(--fn-accent); outline-offset: 2px; }
  .meta { display: flex; flex-wrap: wrap; gap: .25rem .6rem; align-items: baseline; font-size: .9em; color: var(--fn-muted); }
  .author { font-weight: 600; color: var(--fn-text); }
  .tag { font-size: .8em; padding: 0 .4em; border-radius: var(--fn-radius); background: var(--fn-surface); border: 1px solid var(--fn-border); }
  .pending { border-inline-start: 3px solid #b8860b; padding-inline-start: .5rem; }
  .body { overflow-wrap: anywhere; margin: .25rem 0; }
  .body p { margin: 0 0 .5em; }
  .body blockquote { margin: 0 0 .5em; padding-inline-start: .75em; border-inline-start: 3px solid var(--fn-border); color: var(--fn-muted); }
  .body code { background: var(--fn-surface); padding: 0 .25em; border-radius: 3px; }
  .body a, a { color: var(--fn-accent); }
  .gone { font-style: italic; color: var(--fn-muted); }
  .actions { display: flex; flex-wrap: wrap; gap: .25rem; }
  button, select { font: inherit; font-size: .9em; color: inherit; }
  .bar label { display: flex; gap: .4rem; align-items: center; font-weight: 400; }
  .link { background: none; border: 0; padding: .2rem .35rem; color: var(--fn-accent); cursor: pointer; border-radius: var(--fn-radius); }
  .link[aria-pressed='true'] { font-weight: 600; }
  .link:hover { text-decoration: underline; }
  button:focus-visible, select:focus-visible, input:focus-visible, textarea:focus-visible { outline: 2px solid var(--fn-accent); outline-offset: 1px; }
  .primary { background: var(--fn-accent); color: var(--fn-accent-text); border: 0; border-radius: var(--fn-radius); padding: .5rem 1rem; cursor: pointer; font-weight: 600; }
  .primary[disabled] { opacity: .6; cursor: progress; }
  .secondary { background: var(--fn-surface); border: 1px solid var(--fn-border); border-radius: var(--fn-radius); padding: .45rem .9rem; cursor: pointer; }
  form { display: grid; gap: .5rem; margin: var(--fn-gap) 0; padding: var(--fn-gap); background: var(--fn-surface); border: 1px solid var(--fn-border); border-radius: var(--fn-radius); }
  label { font-size: .9em; font-weight: 600; display: grid; gap: .2rem; }
  input, textarea { font: inherit; color: var(--fn-text); background: var(--fn-bg); border: 1px solid var(--fn-border); border-radius: var(--fn-radius); padding: .45rem .55rem; width: 100%; }
  textarea { min-height: 6rem; resize: vertical; }
  .hint { font-size: .85em; color: var(--fn-muted); margin: 0; }
  .row { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; }
  .error { color: var(--fn-error); margin: 0; font-weight: 600; }
  .note { margin: 0; }
  .trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .state { padding: var(--fn-gap); border: 1px dashed var(--fn-border); border-radius: var(--fn-radius); color: var(--fn-muted); }
`;
