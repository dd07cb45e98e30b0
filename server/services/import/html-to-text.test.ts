import { describe, expect, it } from 'vitest';
import { renderCommentHtml } from '../format/markdown';
import { htmlToText, safeHref } from './html-to-text';

/** The text a reader sees of rendered comment HTML: tags gone, breaks as newlines, entities decoded. */
function shownText(html: string): string {
  return html
    .replace(/<br>\n?/g, '\n')
    .replace(/<\/p>\s*<p>/g, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('htmlToText', () => {
  it.each([
    ['<p>Hello, World.</p>', 'Hello, World.'],
    ['<p>one</p>\n<p>two</p>', 'one\n\ntwo'],
    ['a<br>b<br/>c', 'a\nb\nc'],
    ['<b>bold</b>, <strong> strong </strong>, <i>it</i>, <em>em</em>', '**bold**, **strong** , *it*, *em*'],
    ['<a href="https://example.com/a_(b)">x</a>', '[x](https://example.com/a_%28b%29)'],
    ['<a href="mailto:ann@example.com">mail</a>', '[mail](mailto:ann@example.com)'],
    ['<a href="/relative">rel</a> <a href="ftp://x">ftp</a>', 'rel ftp'],
    ['<code>a `b` c</code>', '``a `b` c``'],
    ['<blockquote><p>q1</p><p>q2</p></blockquote>after', '> q1\n>\n> q2\n\nafter'],
    ['<ul><li>a</li><li>b</li></ul>', '- a\n- b'],
    ['<ul><li>a<li>b</ul>', '- a\n- b'],
    ['<ol><li>a</li><li>b</li></ol>', '1. a\n2. b'],
    ['<ul><li>a<ul><li>b</li></ul></li></ul>', '- a\n  - b'],
    ['<h2>Title</h2>text', '**Title**\n\ntext'],
    ['<img src="https://x.example/y.png" alt="pic">', '[pic](https://x.example/y.png)'],
    ['<p>unclosed <b>bold', 'unclosed **bold**'],
    ['<span class="x">kept</span> <u>text</u>', 'kept text'],
    // Read as a browser reads HTML (htmlparser2), where the XML parser needed patches or failed:
    ['a</br>b', 'a\nb'],
    ['<b>x<i>y</b>z</i>', '**x*y***z'],
    ['&copy 2020 AT&amp;T', '© 2020 AT&T'],
    ['<table><tr><td>a<td>b</table>', 'a b'],
  ])('converts %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('keeps the lines of plain text exactly, tidying only spaces', () => {
    expect(htmlToText('  first line\nsecond   line\r\n\n\n\nlast  ')).toBe('first line\nsecond line\n\nlast');
  });

  it('decodes entities and keeps literal markup inert', () => {
    expect(htmlToText('Caf&eacute; &amp; AT&T &#x41; &copy;')).toBe('Café & AT&T A ©');
    expect(htmlToText('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('&lt;script>alert(1)&lt;/script>');
    expect(htmlToText('a < b, 2*3*4, snake_case, _x_, [l](u)')).toBe('a &lt; b, 2\\*3\\*4, snake_case, \\_x\\_, \\[l\\](u)');
  });

  it.each([
    '<script>alert(1)</script>',
    '<SCRIPT>alert(1)</SCRIPT >',
    '<scr<script>ipt>alert(1)</script>',
    '<svg><script>alert(1)</script></svg>',
    '<script>alert(1)',
    '<<script>script>alert(1)<</script>/script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<p style="x" onclick="alert(1)">x</p>',
    '<style>*{}</style><iframe src="https://evil"></iframe>',
  ])('leaves no live markup in %j', (html) => {
    const text = htmlToText(`before ${html} after`);
    expect(text).not.toMatch(/<[a-z!/]/i);
    expect(text).not.toMatch(/javascript:|onerror|onclick/i);
    expect(text.startsWith('before')).toBe(true);
  });

  it('reads Markdown text as Markdown when asked', () => {
    expect(htmlToText('*md* and <b>html</b> 2 < 3 <https://x.example/>', { markdownText: true })).toBe('*md* and **html** 2 &lt; 3 https://x.example/');
  });

  it('keeps a long message whole (no cut at 64 KiB)', () => {
    const words = Array.from({ length: 12_000 }, (_, i) => `word${i}`).join(' ');
    expect(words.length).toBeGreaterThan(90_000);
    const text = htmlToText(`<p>${words}</p><p><b>the end.</b></p>`);
    expect(text).toBe(`${words}\n\n**the end.**`);
  });

  it.each([
    '>you wrote this',
    '> quoted\nand the next line is mine',
    '- not a list',
    '+ not a list',
    '* not a list',
    '1. not a list',
    '1) not a list',
    '23. not a list either',
    '-',
    '+',
    '2.',
    'first line\n- second line\n1. third line\n> fourth',
    '# not a heading',
    '## nor this',
    'Title\n===',
    'Title\n---',
    '---',
    '***',
    '___',
    '- - -',
    '```js\ncode()\n```',
    '~~~\nnot code\n~~~',
    '| a | b |\n| --- | --- |\n| 1 | 2 |',
    '[ref]: https://example.com/',
    '<div>not html</div>',
    '&amp; stays &amp;',
    '\\ backslash',
  ])('keeps typed %j as text, markers included', (typed) => {
    for (const html of [escapeText(typed).replace(/\n/g, '<br>'), `<p>${escapeText(typed).replace(/\n/g, '<br>')}</p>`]) {
      expect(shownText(renderCommentHtml(htmlToText(html)))).toBe(typed);
    }
    // WordPress stores plain text whose newlines are the author's line breaks.
    expect(shownText(renderCommentHtml(htmlToText(escapeText(typed))))).toBe(typed);
  });

  it('keeps typed markers as text inside quotes and list items', () => {
    const body = htmlToText('<blockquote>&gt; nested<br>- dash</blockquote><ul><li>1. one</li><li>&gt; two</li></ul>');
    expect(body).toBe('> \\> nested\n> \\- dash\n\n- 1\\. one\n- \\> two');
    expect(renderCommentHtml(body)).toBe('<blockquote>\n<p>&gt; nested<br>\n- dash</p>\n</blockquote>\n<ul>\n<li>1. one</li>\n<li>&gt; two</li>\n</ul>');
  });

  it('keeps every line break of a long poem', () => {
    const lines = Array.from({ length: 120 }, (_, i) => `line ${i}`);
    expect(htmlToText(`<p>${lines.join('<br>')}</p><p><b>end</b></p>`)).toBe(`${lines.join('\n')}\n\n**end**`);
  });

  it('stays fast on hostile markup', () => {
    const started = Date.now();
    htmlToText(`<b>a${' '.repeat(500_000)}</b>${'<span>'.repeat(20_000)}${'</x>'.repeat(20_000)}`);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('flattens absurd nesting instead of recursing without end', () => {
    expect(htmlToText(`${'<span>'.repeat(10_000)}deep`)).toBe('deep');
  });
});

describe('safeHref', () => {
  it('accepts http(s) and mailto only', () => {
    expect(safeHref('https://a.example/x y')).toBe('https://a.example/x%20y');
    expect(safeHref('mailto:a@b.example')).toBe('mailto:a@b.example');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>')).toBeNull();
    expect(safeHref('//no-scheme.example')).toBeNull();
  });
});
