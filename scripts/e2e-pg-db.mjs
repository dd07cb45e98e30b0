// The browser suite's PostgreSQL database (FOOTNOTE_E2E_ENGINE=pg, see playwright.config.ts):
//
//   node scripts/e2e-pg-db.mjs create   prints the URL of a fresh, empty database
//   node scripts/e2e-pg-db.mjs drop URL drops it (closing the server's connections)
//
// A script of its own because the config must have the database before Playwright starts the
// server (web servers start before any global setup), and a config cannot wait on a promise.
import process from 'node:process';
import pg from 'pg';
import { ADMIN_URL as admin } from './lib/test-pg.mjs';

const [command, target] = process.argv.slice(2);

const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 3000 });
await client.connect();
try {
  if (command === 'create') {
    const name = `footnote_e2e_${process.pid}_${Date.now().toString(36)}`;
    await client.query(`create database "${name}"`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    process.stdout.write(url.toString());
  } else if (command === 'drop' && target) {
    const name = decodeURIComponent(new URL(target).pathname.slice(1));
    if (!/^footnote_e2e_\w+$/.test(name)) throw new Error(`not a browser-suite database: ${name}`);
    await client.query(`drop database if exists "${name}" with (force)`);
  } else {
    throw new Error('usage: e2e-pg-db.mjs create | drop URL');
  }
} finally {
  await client.end();
}
