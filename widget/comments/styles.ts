import { css } from 'lit';

/**
 * Theme: every colour, font, radius and spacing is a custom property on :host, so a
 * publisher can match the page from outside (documented in docs/widget.md and in the
 * element's TSDoc). The font and the text colour come from the page, so the widget reads as
 * part of the article; only the dark theme paints its own background.
 */
export const styles = css`
  :host {
    --fn-muted: #575e6b;
    --fn-bg: transparent;
    --fn-surface: #f4f5f7;
    --fn-field-bg: #fff;
    --fn-border: #dadde3;
    --fn-field-border: #868d99;
    --fn-accent: #1a4fd6;
    --fn-accent-text: #fff;
    --fn-error: #b42318;
    --fn-radius: 4px;
    --fn-gap: 1rem;
    --fn-indent: 1.1rem;
    display: block;
    font-family: var(--fn-font, inherit);
    font-size: var(--fn-font-size, inherit);
    line-height: 1.5;
    color: var(--fn-text);
    background: var(--fn-bg);
    color-scheme: light;
  }
  :host([theme='dark']) {
    --fn-text: #e8eaed;
    --fn-muted: #aab1bd;
    --fn-bg: #16181d;
    --fn-surface: #20232a;
    --fn-field-bg: #101216;
    --fn-border: #373c46;
    --fn-field-border: #7d8592;
    --fn-accent: #8ab4f8;
    --fn-accent-text: #0b1220;
    --fn-error: #ff9a90;
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --fn-text: #e8eaed;
      --fn-muted: #aab1bd;
      --fn-bg: #16181d;
      --fn-surface: #20232a;
      --fn-field-bg: #101216;
      --fn-border: #373c46;
      --fn-field-border: #7d8592;
      --fn-accent: #8ab4f8;
      --fn-accent-text: #0b1220;
      --fn-error: #ff9a90;
      color-scheme: dark;
    }
  }
  * { box-sizing: border-box; }
  p { margin: 0; }
  button, select, input, textarea { font: inherit; color: inherit; }
  button { cursor: pointer; }
  :focus-visible { outline: 2px solid var(--fn-accent); outline-offset: 2px; }
  .footer { color: var(--fn-muted); font-size: .9em; margin-bottom: var(--fn-gap); }
  .bar { display: flex; gap: .5rem 1rem; align-items: center; justify-content: space-between; flex-wrap: wrap; padding-bottom: .6rem; border-bottom: 2px solid currentColor; }
  h2 { font-size: 1.25em; line-height: 1.2; margin: 0; }
  h2:focus { outline: 0; }
  .sort { display: flex; gap: .4rem; align-items: center; font-size: .9em; color: var(--fn-muted); }
  select { font-size: 1em; color: var(--fn-text, CanvasText); background: var(--fn-field-bg); border: 1px solid var(--fn-field-border); border-radius: var(--fn-radius); padding: .25rem .4rem; }
  .note:not(:empty) { margin-top: .75rem; padding: .5rem .75rem; background: var(--fn-surface); border-inline-start: 3px solid var(--fn-accent); border-radius: var(--fn-radius); }
  .thread, .replies { list-style: none; margin: 0; padding: 0; }
  .thread > li { padding: var(--fn-gap) 0; border-bottom: 1px solid var(--fn-border); }
  .replies { margin-top: .75rem; margin-inline-start: .25rem; padding-inline-start: var(--fn-indent); border-inline-start: 2px solid var(--fn-border); }
  .replies > li + li { margin-top: .9rem; }
  .comment:focus { outline: 2px solid var(--fn-accent); outline-offset: 4px; border-radius: 2px; }
  .meta { display: flex; flex-wrap: wrap; gap: 0 .6rem; align-items: baseline; font-size: .85em; }
  .meta > :not(.author) { color: var(--fn-muted); }
  .author { font-weight: 700; font-size: 1.1em; overflow-wrap: anywhere; }
  .tag { font-size: .85em; font-weight: 600; padding: 0 .45em; border-radius: var(--fn-radius); border: 1px solid currentColor; }
  .badge { font-size: .8em; font-weight: 700; padding: 0 .45em; border-radius: var(--fn-radius); background: var(--fn-badge-bg, var(--fn-accent)); color: var(--fn-badge-text, var(--fn-accent-text)); }
  .meta > .badge { color: var(--fn-badge-text, var(--fn-accent-text)); }
  .pending { border-inline-start: 3px solid #b8860b; padding-inline-start: .75rem; }
  .body { overflow-wrap: anywhere; margin: .3rem 0 .2rem; }
  .body p, .body ul, .body ol, .body blockquote, .body pre { margin: 0 0 .6em; }
  .body > :last-child { margin-bottom: 0; }
  .body ul, .body ol { padding-inline-start: 1.4em; }
  .body blockquote { padding-inline-start: .8em; border-inline-start: 3px solid var(--fn-border); color: var(--fn-muted); }
  .body code { font-size: .9em; background: var(--fn-surface); padding: .05em .3em; border-radius: 3px; }
  .body pre { overflow-x: auto; padding: .5em .75em; background: var(--fn-surface); border-radius: var(--fn-radius); }
  a { color: var(--fn-accent); }
  .gone { font-style: italic; color: var(--fn-muted); }
  .actions { display: flex; flex-wrap: wrap; gap: .15rem .9rem; margin-top: .35rem; font-size: .85em; }
  .act { background: none; border: 0; padding: .2rem 0; color: var(--fn-muted); font-weight: 600; }
  .act:hover { color: var(--fn-accent); text-decoration: underline; }
  .act[aria-pressed='true'] { color: var(--fn-accent); }
  .act[aria-pressed='true']::before { content: '✓ ' / ''; }
  .primary, .secondary { border-radius: var(--fn-radius); padding: .45rem 1rem; font-weight: 600; border: 1px solid var(--fn-accent); }
  .primary { background: var(--fn-accent); color: var(--fn-accent-text); }
  .primary[disabled] { opacity: .7; cursor: progress; }
  .secondary { background: none; color: var(--fn-accent); }
  .wide { display: block; width: 100%; margin-top: var(--fn-gap); }
  form { display: grid; gap: .6rem; margin: var(--fn-gap) 0 0; padding: var(--fn-gap); background: var(--fn-surface); border: 1px solid var(--fn-border); border-radius: var(--fn-radius); }
  label { font-size: .9em; font-weight: 600; display: grid; gap: .25rem; }
  input, textarea { font-weight: 400; color: var(--fn-text); background: var(--fn-field-bg); border: 1px solid var(--fn-field-border); border-radius: var(--fn-radius); padding: .45rem .6rem; width: 100%; }
  textarea { min-height: 6.5rem; resize: vertical; line-height: 1.45; }
  .notify { display: flex; align-items: center; gap: .4rem; font-weight: 400; }
  .notify input { width: auto; }
  .notify[hidden] { display: none; }
  .hint { font-size: .8em; color: var(--fn-muted); }
  .row { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; }
  .confirm { margin-top: .5rem; font-size: .9em; }
  .report { align-items: end; }
  .report select { padding: .45rem .5rem; }
  .error { color: var(--fn-error); font-weight: 600; }
  .trap, .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .state { display: grid; gap: .5rem; justify-items: start; margin-top: var(--fn-gap); padding: var(--fn-gap); border: 1px dashed var(--fn-border); border-radius: var(--fn-radius); color: var(--fn-muted); }
`;
