import { Hono, type Context } from 'hono';
import { pageCsp } from '../../http/security';
import type { Asset, Assets } from './assets';

function send(c: Context, asset: Asset | null | undefined, cacheControl: string, what: string): Response {
  if (!asset) {
    return c.text(`${what} is not built. Run "npm run build" (npm start does it for you).`, 503);
  }
  c.header('Content-Type', asset.type);
  c.header('Cache-Control', cacheControl);
  c.header('ETag', asset.etag);
  c.header('Vary', 'Accept-Encoding');
  if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
  const accept = c.req.header('accept-encoding') ?? '';
  // Copy into a fresh ArrayBuffer-backed view: Response bodies want a plain Uint8Array.
  const bytes = (b: Buffer) => new Uint8Array(b);
  if (asset.br && /\bbr\b/.test(accept)) {
    c.header('Content-Encoding', 'br');
    return c.body(bytes(asset.br));
  }
  if (asset.gzip && /\bgzip\b/.test(accept)) {
    c.header('Content-Encoding', 'gzip');
    return c.body(bytes(asset.gzip));
  }
  return c.body(bytes(asset.body));
}

/** The demo article at `/`, the moderation page at `/admin`, and the browser bundles. */
export function pageRoutes(assets: Assets) {
  const page = new Hono();
  page.use('/', pageCsp({ frameable: true }));
  page.use('/admin', pageCsp({ frameable: false }));
  return page
    .get('/', (c) => send(c, assets.files.get('demo.html'), 'no-cache', 'The demo page'))
    .get('/favicon.ico', (c) => c.body(null, 204))
    .get('/demo.css', (c) => send(c, assets.files.get('demo.css'), 'public, max-age=300', 'demo.css'))
    .get('/demo.js', (c) => send(c, assets.files.get('demo.js'), 'public, max-age=300', 'demo.js'))
    .get('/night-bus-report.pdf', (c) => send(c, assets.files.get('night-bus-report.pdf'), 'public, max-age=3600', 'The PDF'))
    .get('/admin', (c) => send(c, assets.files.get('admin.html'), 'no-cache', 'The moderation page'))
    .get('/admin.css', (c) => send(c, assets.files.get('admin.css'), 'public, max-age=300', 'admin.css'))
    .get('/embed.js', (c) => {
      // Publishers' pages load it from another origin: let any page use it.
      c.header('Access-Control-Allow-Origin', '*');
      c.header('Cross-Origin-Resource-Policy', 'cross-origin');
      return send(c, assets.embed, 'public, max-age=300, stale-while-revalidate=3600', 'embed.js');
    })
    .get('/admin.js', (c) => send(c, assets.admin, 'no-cache', 'admin.js'))
    .get('/i18n/:file', (c) => {
      // Fetched by embed.js from publishers' pages, like embed.js itself.
      c.header('Access-Control-Allow-Origin', '*');
      c.header('Cross-Origin-Resource-Policy', 'cross-origin');
      const asset = assets.i18n.get(c.req.param('file'));
      return asset ? send(c, asset, 'public, max-age=300, stale-while-revalidate=3600', 'The catalogue') : c.json({ error: { code: 'not_found', message: 'No such language.' } }, 404);
    });
}
