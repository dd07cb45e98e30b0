import { describe, expect, it, vi } from 'vitest';
import { isAllowedCommentHtml } from './html-allowlist';

describe('isAllowedCommentHtml', () => {
  it('accepts the tags the renderer writes', () => {
    const html =
      '<p><strong>a</strong> <em>b</em> <code>c</code><br>\n<a href="https://x.com/?a=1&amp;b" rel="nofollow ugc noopener">x</a></p>' +
      '<blockquote><p>q</p></blockquote><ul><li>1</li></ul><ol start="4"><li>2</li></ol><pre><code>&lt;b&gt;</code></pre>' +
      '<a href="mailto:a@b.c" rel="nofollow ugc noopener">m</a>';
    expect(isAllowedCommentHtml(html)).toBe(true);
    expect(isAllowedCommentHtml('plain &amp; simple')).toBe(true);
  });

  it.each([
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '<p onclick="x">a</p>',
    '<P>a</P>',
    '<br/>',
    '<a href="javascript:alert(1)" rel="nofollow ugc noopener">x</a>',
    '<a href="/relative" rel="nofollow ugc noopener">x</a>',
    '<a href="https://x.com">no rel</a>',
    '<a href="https://x.com" rel="nofollow ugc noopener" onclick="x">x</a>',
    '<a href="https://x.com" onmouseover="x" rel="nofollow ugc noopener">x</a>',
    '<a href="https://x.com/"" rel="nofollow ugc noopener">x</a>',
    '<code class="language-js">x</code>',
    '<ol start="x">',
    '<scr<p>ipt>',
    'a > b',
    '<a href="https://x.com" rel="nofollow ugc noopener"',
  ])('rejects %s', (html) => {
    expect(isAllowedCommentHtml(html)).toBe(false);
  });
});

describe('renderCommentHtml fallback', () => {
  it('stores escaped plain text when the allowlist rejects the rendering', async () => {
    vi.resetModules();
    vi.doMock('./html-allowlist', async (importOriginal) => ({
      ...(await importOriginal<typeof import('./html-allowlist')>()),
      isAllowedCommentHtml: () => false,
    }));
    const { renderCommentHtml } = await import('./markdown');
    expect(renderCommentHtml(' **a** <b>\r\nc ')).toBe('<p>**a** &lt;b&gt;<br>c</p>');
    expect(renderCommentHtml('  ')).toBe('');
    vi.doUnmock('./html-allowlist');
  });
});
