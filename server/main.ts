import { createApp } from './app';
import { ConfigError, loadConfig } from './config/env';
import { projectRoot } from './lib/paths';
import { loadAssets } from './routes/pages/assets';
import { createNodeServer, listen } from './serve';
import { clusterFor } from './pg-cluster';
import { createServices } from './services';
import { describeStore, openStore } from './store/open';

/** Starts Footnote: parse the environment, open and migrate the database, listen. */
async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openStore(config);
  // On PostgreSQL other instances may share the database: hear them before serving.
  const cluster = clusterFor(config);
  const ctx = await createServices(store, config, { cluster });
  await cluster?.start();
  await ctx.views.start();
  // Mail and webhook events wait in the database until sent (docs/mail.md).
  ctx.outbox.start();
  const app = createApp({ ctx, assets: loadAssets(projectRoot()) });
  const server = createNodeServer(app, config);
  const info = await listen(server, config.port, config.host).catch((err: NodeJS.ErrnoException) => {
    const why = err.code === 'EADDRINUSE' ? 'is already in use' : err.code === 'EACCES' ? 'needs more privileges' : err.message;
    console.error(`footnote: cannot listen on ${config.host}:${config.port}: the port ${why} (set PORT or HOST).`);
    process.exit(1);
  });
  const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  console.log(`footnote: serving http://${host}:${info.port} (${describeStore(config)}, moderation ${config.moderation})`);
  const { smtpUrl, webhookUrl } = config.mail;
  if (smtpUrl || webhookUrl) {
    console.log(`footnote: ${smtpUrl ? `reply mail through ${smtpUrl.host}` : 'no reply mail (FOOTNOTE_SMTP_URL unset)'}, ${webhookUrl ? `webhooks to ${webhookUrl.origin}` : 'no webhooks'}.`);
  }
  if (!config.adminToken) {
    console.log('footnote: FOOTNOTE_ADMIN_TOKEN is not set: the admin API and /admin stay closed (401) until it is (32 characters or more: openssl rand -hex 32).');
  }
  if (config.sso.demo) {
    console.log('footnote: sign-in runs on the PUBLIC demo secret: anyone can sign in as staff or moderator. For the demo only, never in production.');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`footnote: ${signal} received, finishing requests and writing pending views…`);
    // Stop accepting, let open requests end; live streams are closed after a short grace.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    setTimeout(() => server.closeAllConnections(), 2000).unref();
    await Promise.race([closed, new Promise((r) => setTimeout(r, 5000).unref())]);
    let code = 0;
    // The round in flight is settled (sent, or back in the queue); the rest waits in the database.
    await ctx.outbox.stop();
    try {
      await ctx.views.stop();
    } catch (err) {
      code = 1;
      console.error('footnote: could not write pending views before stopping:', err);
    }
    // After the views: their last flush tells the other instances too.
    await cluster?.stop().catch((err: Error) => console.error('footnote: could not close the shared-state connections:', err.message));
    await store.close();
    console.log(code === 0 ? 'footnote: stopped cleanly.' : 'footnote: stopped, but pending views were lost (see above).');
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(`footnote: bad configuration: ${err.message}`);
  } else {
    console.error('footnote: failed to start:', err);
  }
  process.exit(1);
});
