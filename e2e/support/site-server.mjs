// The "publisher's site" for browser tests: article and listing pages on another origin than
// the Footnote server, embedding it exactly as the README tells publishers to.
import { createServer } from 'node:http';

const port = Number(process.env.E2E_SITE_PORT ?? 8791);
const api = process.env.E2E_API ?? 'http://127.0.0.1:8790';
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function article(q) {
  const thread = q.get('thread') ?? 'e2e-article';
  const lang = q.get('lang') ?? 'en';
  const attrs = [`thread="${esc(thread)}"`];
  if (q.get('theme')) attrs.push(`theme="${esc(q.get('theme'))}"`);
  if (q.get('wlang')) attrs.push(`lang="${esc(q.get('wlang'))}"`);
  if (q.get('loading')) attrs.push(`loading="${esc(q.get('loading'))}"`);
  // `below=1`: a long article, the comments far below the fold (three screens and more).
  const body = q.get('below') === '1' ? `<p style="height:4000px">Body text, long.</p>` : '<p>Body text.</p>';
  if (q.get('sso')) attrs.push(`sso-token="${esc(q.get('sso'))}"`);
  if (q.get('login')) attrs.push(`login-url="${esc(q.get('login'))}"`);
  const module = q.get('module') === '1' ? ' type="module"' : ' defer';
  const bg = q.get('theme') === 'dark' ? ' style="background:#16181d;color:#e8eaed"' : '';
  return `<!doctype html><html lang="${esc(lang)}"${q.get('dir') ? ` dir="${esc(q.get('dir'))}"` : ''}><head><meta charset="utf-8">
<title>Test article ${esc(thread)}</title></head><body${bg}><main><article><h1>Test article</h1>${body}</article>
<script src="${api}/embed.js"${module}></script>
<footnote-comments ${attrs.join(' ')}></footnote-comments></main></body></html>`;
}

function listing(q) {
  const threads = (q.get('threads') ?? '').split(',').filter(Boolean);
  const items = threads.map((t) => `<li><a href="/article?thread=${esc(t)}">${esc(t)}</a> <footnote-count thread="${esc(t)}"></footnote-count></li>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Listing</title></head><body>
<ul id="list">${items.join('')}</ul><script src="${api}/embed.js" defer></script></body></html>`;
}

createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://localhost:${port}`);
  const page = url.pathname === '/list' ? listing(url.searchParams) : url.pathname === '/article' ? article(url.searchParams) : null;
  if (!page) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
}).listen(port, 'localhost', () => console.log(`e2e site on http://localhost:${port}`));
