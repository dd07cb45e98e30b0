import type { Language } from '../../../contract';
import { MAIL_MESSAGES, fill } from './messages';

/** A mail as the transport sends it: both parts, and the link for one-click unsubscribe. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
  unsubscribeUrl: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A comment's text in a mail: kept short, as a quote. */
const excerpt = (body: string, max = 600) => {
  const chars = [...body.trim()];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
};
const quoteText = (body: string) => excerpt(body).split('\n').map((l) => `> ${l}`).join('\n');
const quoteHtml = (body: string) =>
  `<blockquote style="margin:0 0 12px;padding:0 12px;border-left:3px solid #ccc;white-space:pre-wrap">${escape(excerpt(body))}</blockquote>`;

function page(lang: Language, inner: string, footer: string, unsubscribeUrl: string): string {
  const m = MAIL_MESSAGES[lang];
  return `<!doctype html><html lang="${lang}"><body style="font-family:sans-serif;line-height:1.5;max-width:40em">${inner}<hr><p style="color:#666;font-size:small">${escape(footer)} <a href="${escape(unsubscribeUrl)}">${escape(m.unsubscribe)}</a></p></body></html>`;
}

/** The confirmation mail of a guest's subscription: one link confirms, nothing else is sent until then. */
export function confirmMail(input: { lang: Language; title: string; confirmUrl: string; unsubscribeUrl: string }): MailContent {
  const m = MAIL_MESSAGES[input.lang];
  const intro = fill(m.confirmIntro, { title: input.title });
  const text = `${intro}\n\n${m.confirmAction}:\n${input.confirmUrl}\n\n${m.confirmIgnore}\n\n-- \n${m.unsubscribe}: ${input.unsubscribeUrl}\n`;
  const inner = `<p>${escape(intro)}</p><p><a href="${escape(input.confirmUrl)}">${escape(m.confirmAction)}</a></p><p>${escape(m.confirmIgnore)}</p>`;
  return { subject: fill(m.confirmSubject, { title: input.title }), text, html: page(input.lang, inner, '', input.unsubscribeUrl), unsubscribeUrl: input.unsubscribeUrl };
}

export interface ReplyItem {
  author: string;
  body: string;
  url: string;
}

/**
 * A reply mail: one reply, or a digest of the replies gathered in the window. Only the
 * repliers' names and words are shown, never their email.
 */
export function replyMail(input: { lang: Language; title: string; yourComment: string; replies: readonly ReplyItem[]; unsubscribeUrl: string }): MailContent {
  const m = MAIL_MESSAGES[input.lang];
  const single = input.replies.length === 1;
  const first = input.replies[0]!;
  const values = { title: input.title, name: first.author };
  const subject = fill(single ? m.replySubject : m.digestSubject, values);
  const intro = fill(single ? m.replyIntro : m.digestIntro, values);
  const items = input.replies.map((r) => ({
    text: `${r.author}:\n${quoteText(r.body)}\n${m.readReply}: ${r.url}`,
    html: `<p><strong>${escape(r.author)}</strong></p>${quoteHtml(r.body)}<p><a href="${escape(r.url)}">${escape(m.readReply)}</a></p>`,
  }));
  const text = `${intro}\n\n${items.map((i) => i.text).join('\n\n')}\n\n${m.yourComment}:\n${quoteText(input.yourComment)}\n\n-- \n${m.why}\n${m.unsubscribe}: ${input.unsubscribeUrl}\n`;
  const inner = `<p>${escape(intro)}</p>${items.map((i) => i.html).join('')}<p style="color:#666">${escape(m.yourComment)}:</p>${quoteHtml(input.yourComment)}`;
  return { subject, text, html: page(input.lang, inner, m.why, input.unsubscribeUrl), unsubscribeUrl: input.unsubscribeUrl };
}

/** The small pages a mail's links open (confirmed, unsubscribe), in the mail's language. */
export function linkPage(lang: Language, message: string, form?: { action: string; button: string }): string {
  const button = form
    ? `<form method="post" action="${escape(form.action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escape(form.button)}</button></form>`
    : '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${escape(message)}</title></head><body style="font-family:sans-serif;max-width:40em;margin:3em auto"><p>${escape(message)}</p>${button}</body></html>`;
}
