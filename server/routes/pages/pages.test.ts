import { describe, expect, it } from 'vitest';
import type { Asset } from './assets';
import { pageRoutes } from './index';

const json = (text: string): Asset => ({ type: 'application/json; charset=UTF-8', body: Buffer.from(text), etag: '"de"' });

describe('the catalogues embed.js fetches (/i18n/{lang}.json)', () => {
  const app = pageRoutes({ embed: null, admin: null, files: new Map(), i18n: new Map([['de.json', json('{"post":"Kommentar senden"}')]]) });

  it('sends a built catalogue to any origin, cacheable like embed.js', async () => {
    const res = await app.request('/i18n/de.json', { headers: { Origin: 'https://news.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toContain('max-age=300');
    expect(await res.json()).toEqual({ post: 'Kommentar senden' });
  });

  it('answers 404 with an error body for a language that is not built', async () => {
    const res = await app.request('/i18n/xx.json');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await app.request('/i18n/..%2Fembed.js')).status).toBe(404);
  });
});
