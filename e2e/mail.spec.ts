import { expect, test } from '@playwright/test';
import { SITE } from './support/ports';

/**
 * "Email me replies" in the form (docs/mail.md): offered only once an email is typed, and
 * sent as `notify` with the widget's language. (The mail itself is tested against a real SMTP
 * server in server/services/mail/.)
 */

const unique = (name: string) => `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

test('the "Email me replies" box appears with an email, and the post asks for replies in the widget’s language', async ({ page }) => {
  const thread = unique('notify');
  await page.goto(`${SITE}/article?thread=${thread}&lang=de`);
  const widget = page.locator('footnote-comments');
  const box = widget.getByRole('checkbox', { name: 'Antworten per E-Mail erhalten' });
  await expect(widget.getByRole('textbox', { name: 'Kommentar' })).toBeVisible();
  await expect(box).toBeHidden();

  const email = widget.getByRole('textbox', { name: /E-Mail/ });
  await email.fill('ann@reader.example');
  await expect(box).toBeVisible();
  await email.fill('');
  await expect(box).toBeHidden();
  await email.fill('ann@reader.example');
  await box.check();

  await widget.getByRole('textbox', { name: 'Name' }).fill('Ann');
  await widget.getByRole('textbox', { name: 'Kommentar' }).fill(`Please mail me the replies, ${thread}.`);
  const request = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes(`/threads/${thread}/comments`));
  await widget.getByRole('button', { name: 'Kommentar senden' }).click();
  const sent = (await request).postDataJSON() as Record<string, unknown>;
  expect(sent).toMatchObject({ email: 'ann@reader.example', notify: true, lang: 'de' });
  await expect(widget.getByText(`Please mail me the replies, ${thread}.`)).toBeVisible();
});

test('without an email nothing about mail is sent', async ({ page }) => {
  const thread = unique('no-notify');
  await page.goto(`${SITE}/article?thread=${thread}`);
  const widget = page.locator('footnote-comments');
  await widget.getByRole('textbox', { name: 'Name' }).fill('Bo');
  await widget.getByRole('textbox', { name: 'Comment' }).fill(`No mail for me, ${thread}.`);
  const request = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes(`/threads/${thread}/comments`));
  await widget.getByRole('button', { name: 'Post comment' }).click();
  const sent = (await request).postDataJSON() as Record<string, unknown>;
  expect(sent).not.toHaveProperty('notify');
  expect(sent).not.toHaveProperty('email');
});
