import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { etagOf } from '../../http/etag';

/** A file served from memory, with its precompressed variants when the build made them. */
export interface Asset {
  type: string;
  body: Buffer;
  br?: Buffer;
  gzip?: Buffer;
  etag: string;
}

/** Loads `file` (and `file.br`, `file.gz` beside it); null when it is not built. */
export function loadAsset(file: string, type: string): Asset | null {
  if (!existsSync(file)) return null;
  const body = readFileSync(file);
  const asset: Asset = { type, body, etag: etagOf(body.toString('latin1')) };
  if (existsSync(`${file}.br`)) asset.br = readFileSync(`${file}.br`);
  if (existsSync(`${file}.gz`)) asset.gzip = readFileSync(`${file}.gz`);
  return asset;
}

/** The built browser bundles and the pages' static files. */
export interface Assets {
  embed: Asset | null;
  admin: Asset | null;
  files: Map<string, Asset>;
  /** The widget's catalogues beyond English and the footer's words, by file name (`de.json`). */
  i18n: Map<string, Asset>;
}

export function loadAssets(root: string): Assets {
  const dist = join(root, 'dist', 'widget');
  const files = new Map<string, Asset>();
  const add = (name: string, from: string, type: string) => {
    const a = loadAsset(join(root, from), type);
    if (a) files.set(name, a);
  };
  add('demo.html', 'server/pages/demo.html', 'text/html; charset=UTF-8');
  add('demo.css', 'server/pages/demo.css', 'text/css; charset=UTF-8');
  add('demo.js', 'server/pages/demo.js', 'text/javascript; charset=UTF-8');
  add('night-bus-report.pdf', 'server/pages/night-bus-report.pdf', 'application/pdf');
  // The desk is its own app (admin/): its page and styles sit beside its code.
  add('admin.html', 'admin/index.html', 'text/html; charset=UTF-8');
  add('admin.css', 'admin/admin.css', 'text/css; charset=UTF-8');
  const i18n = new Map<string, Asset>();
  const languages = join(dist, 'i18n');
  for (const name of existsSync(languages) ? readdirSync(languages) : []) {
    const a = name.endsWith('.json') ? loadAsset(join(languages, name), 'application/json; charset=UTF-8') : null;
    if (a) i18n.set(name, a);
  }
  return {
    i18n,
    embed: loadAsset(join(dist, 'embed.js'), 'text/javascript; charset=UTF-8'),
    admin: loadAsset(join(root, 'dist', 'admin', 'admin.js'), 'text/javascript; charset=UTF-8'),
    files,
  };
}
