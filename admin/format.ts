const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const full = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** "3 minutes ago", "yesterday", or a date for anything older than a week. */
export function ago(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  const s = Math.round((t - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 45) return 'just now';
  if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(s / 3600), 'hour');
  if (abs < 7 * 86400) return rtf.format(Math.round(s / 86400), 'day');
  return full.format(t);
}

export const fullDate = (iso: string) => full.format(Date.parse(iso));

/** "1 comment", "2 comments". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** One plain address: letters, digits and `. _ + -` before the @, a dotted host name after it. */
const PLAIN_ADDRESS = /^[\p{L}\p{N}._+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63})+$/u;

/**
 * A `mailto:` link for an email, or null when it is not one plain address. The email is
 * whatever the commenter typed: `a@b.c?bcc=attacker@evil.example` would make the link add
 * recipients, a subject or a body, so only a plain address becomes a link (its parts
 * percent-encoded); anything else is shown as text.
 */
export function mailtoHref(email: string): string | null {
  if (!PLAIN_ADDRESS.test(email)) return null;
  const at = email.lastIndexOf('@');
  return `mailto:${encodeURIComponent(email.slice(0, at))}@${encodeURIComponent(email.slice(at + 1))}`;
}
