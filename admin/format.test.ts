import { describe, expect, it } from 'vitest';
import { mailtoHref } from './format';

describe('mailtoHref', () => {
  it('links a plain address, Unicode included (percent-encoded)', () => {
    expect(mailtoHref('ann@example.com')).toBe('mailto:ann@example.com');
    expect(mailtoHref('first.last+news@mail.example.co.uk')).toBe('mailto:first.last%2Bnews@mail.example.co.uk');
    expect(mailtoHref('zoë@exämple.de')).toBe('mailto:zo%C3%AB@ex%C3%A4mple.de');
  });

  it('links nothing that could add recipients, headers or a body, or leave mailto:', () => {
    for (const email of [
      'a@b.c?bcc=attacker@evil.example',
      // One @ only: this one gets past the server's light check and is stored.
      'a@b.c?bcc=evil.example',
      'a@b.c&cc=x@evil.example',
      'a@b.c#x',
      'a%40b@c.d',
      'a@b.c?subject=x&body=y',
      'x@y.z,attacker@evil.example',
      'a b@c.d',
      'a@b',
      '"quoted"@example.com',
      'javascript:alert(1)//@x.y',
      'a@b.c\n',
      'a/b@c.d',
    ]) {
      expect(mailtoHref(email), email).toBeNull();
    }
  });
});
