import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { projectRoot } from '../lib/paths';
import { loadAssets } from '../routes/pages/assets';
import { testApp } from '../testing/harness';

async function appWithPages() {
  const t = await testApp();
  return createApp({ ctx: t.ctx, assets: loadAssets(projectRoot()) });
}

/** The CSP directives as a map: directive name to its source list. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get('content-security-policy') ?? '';
  return new Map(header.split(';').map((d) => d.trim().split(/\s+/)).filter((p) => p[0]).map(([k, ...v]) => [k!, v]));
}

describe('browser safety headers', () => {
  it('every answer carries X-Content-Type-Options: nosniff (API, errors, pages, bundles)', async () => {
    const app = await appWithPages();
    const t = await testApp();
    const answers = [
      await t.call('GET', '/api/v1/threads/a'),
      await t.call('GET', '/api/v1/counts?thread=a'),
      await t.call('GET', '/api/v1/nowhere'),
      await t.call('POST', '/api/v1/threads/a/comments', { body: '{', headers: { 'content-type': 'application/json' } }),
      await app.request('/'),
      await app.request('/admin'),
      await app.request('/embed.js'),
      await app.request('/healthz'),
    ];
    for (const res of answers) expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the demo page and /admin carry a strict CSP: scripts from this origin only, no inline, no plugins', async () => {
    const app = await appWithPages();
    for (const path of ['/', '/admin']) {
      const policy = csp(await app.request(path));
      expect(policy.get('script-src'), path).toEqual(["'self'"]);
      expect(policy.get('default-src'), path).toEqual(["'self'"]);
      expect(policy.get('object-src'), path).toEqual(["'none'"]);
      expect(policy.get('base-uri'), path).toEqual(["'none'"]);
      for (const sources of policy.values()) {
        expect(sources).not.toContain("'unsafe-eval'");
        expect(sources).not.toContain('*');
      }
    }
    // /admin may never be framed (clickjacking of moderator actions).
    expect(csp(await app.request('/admin')).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('the pages we serve have no inline scripts or inline event handlers (the CSP would block them)', () => {
    for (const name of ['demo.html', 'admin.html']) {
      const file = join(projectRoot(), 'server', 'pages', name);
      if (!existsSync(file)) continue;
      const page = readFileSync(file, 'utf8');
      const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      for (const [, attrs, inline] of scripts) {
        expect(attrs, name).toMatch(/\bsrc=/);
        expect(inline!.trim(), name).toBe('');
      }
      expect(page, name).not.toMatch(/\son[a-z]+\s*=/i);
      expect(page, name).not.toMatch(/javascript:/i);
    }
  });

  it('embed.js is served as JavaScript, usable cross-origin', async () => {
    const app = await appWithPages();
    const res = await app.request('/embed.js');
    if (res.status === 503) return; // not built in this checkout; `npm test` builds first
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
