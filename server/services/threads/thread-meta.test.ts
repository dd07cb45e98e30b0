import { describe, expect, it } from 'vitest';
import { vetThreadMeta } from './thread-meta';

describe('vetThreadMeta', () => {
  it('keeps only http(s) URLs, whatever the origins', () => {
    for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'data:text/html,<b>x</b>', '/relative/path', 'not a url', 'ftp://news.example/a']) {
      expect(vetThreadMeta('*', undefined, { title: 'T', url }), url).toEqual({ title: 'T', url: null });
    }
    expect(vetThreadMeta('*', undefined, { title: 'T', url: 'https://news.example/a?b=1' })).toEqual({ title: 'T', url: 'https://news.example/a?b=1' });
  });

  it('with a list of origins, takes the URL only on a listed origin and the title only from a listed page', () => {
    const origins = ['https://news.example'];
    // From the newsroom's page (Origin listed) about its own article: both.
    expect(vetThreadMeta(origins, 'https://news.example', { title: 'Budget', url: 'https://news.example/budget' })).toEqual({ title: 'Budget', url: 'https://news.example/budget' });
    // A client naming a phishing page: the URL is dropped, and with an unlisted Origin, the title too.
    expect(vetThreadMeta(origins, 'https://evil.example', { title: 'Win', url: 'https://evil.example/phish' })).toEqual({ title: null, url: null });
    expect(vetThreadMeta(origins, 'https://news.example', { title: 'Win', url: 'https://evil.example/phish' })).toEqual({ title: 'Win', url: null });
    expect(vetThreadMeta(origins, undefined, { title: 'Win', url: 'https://evil.example/phish' })).toEqual({ title: null, url: null });
    // No Origin (a server-side caller) but the article's own URL: taken.
    expect(vetThreadMeta(origins, undefined, { title: 'Budget', url: 'https://news.example/budget' })).toEqual({ title: 'Budget', url: 'https://news.example/budget' });
    expect(vetThreadMeta(origins, undefined, { title: '   ' })).toEqual({ title: null, url: null });
    expect(vetThreadMeta(origins, 'https://news.example', undefined)).toEqual({ title: null, url: null });
  });
});
