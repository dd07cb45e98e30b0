import type { Context } from 'hono';
import { mailLanguage } from '../../services/mail/keys';
import { confirmSubscription, unsubscribe, unsubscribePrompt } from '../../services/mail/subscriptions';
import { linkPage } from '../../services/mail/render';
import type { ServiceContext } from '../../services/context';

/**
 * The links in reply mail (docs/mail.md): confirming a guest's subscription, and
 * unsubscribing. A `GET` of the unsubscribe link only shows a button, since mail scanners
 * follow links; its `POST` (the button, or a mail client's one-click of RFC 8058) does it at once.
 */
export function subscriptionHandlers(ctx: ServiceContext) {
  const page = (c: Context, html: string, status = 200) => {
    c.header('Cache-Control', 'no-store');
    return c.html(html, status as 200);
  };
  return {
    async confirm(c: Context) {
      const done = await confirmSubscription(ctx, c.req.query('token'));
      return page(c, linkPage(done.lang, done.message), done.ok ? 200 : 404);
    },
    unsubscribePage(c: Context) {
      const lang = mailLanguage(c.req.query('lang'));
      const prompt = unsubscribePrompt(lang);
      // The form posts back to this very address, token included (relative: behind a proxy the
      // server does not know its public address from the request).
      const action = `?token=${encodeURIComponent(c.req.query('token') ?? '')}${lang === 'en' ? '' : `&lang=${lang}`}`;
      return page(c, linkPage(lang, prompt.message, { action, button: prompt.button }));
    },
    async unsubscribe(c: Context) {
      const done = await unsubscribe(ctx, c.req.query('token'));
      // A second click, or a mail client's retry, finds the address unsubscribed already: still 200.
      return page(c, linkPage(done.lang, done.message));
    },
  };
}
