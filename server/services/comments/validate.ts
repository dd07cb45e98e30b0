import { AppError } from '../../lib/errors';
import { normalEmail } from '../readers/email';

export const LIMITS = { author: 80, body: 5000, email: 254 } as const;

/** Length in Unicode code points, as the contract counts. */
export const codePoints = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Checks the reader-typed fields by the contract's rules; returns nothing, throws AppError. */
export function validateCommentText(author: string, body: string): void {
  if (!author.trim()) throw new AppError('empty_author', 'Please enter a name to post under.');
  if (codePoints(author) > LIMITS.author) {
    throw new AppError('author_too_long', `Your name is too long: at most ${LIMITS.author} characters, please.`);
  }
  validateBody(body);
}

export function validateBody(body: string): void {
  if (!body.trim()) throw new AppError('empty_body', 'Your comment is empty. Write something before posting.');
  const n = codePoints(body);
  if (n > LIMITS.body) {
    throw new AppError('body_too_long', `Your comment is ${n.toLocaleString('en')} characters long; the limit is ${LIMITS.body.toLocaleString('en')}. Please shorten it.`);
  }
}

/**
 * A light email check: something@something, no spaces. It is only shown to moderators.
 * Returns the address in its one stored form (`normalEmail`).
 */
export function validateEmail(email: string | null | undefined): string | null {
  if (email === undefined || email === null || !email.trim()) return null;
  const e = normalEmail(email);
  if (codePoints(e) > LIMITS.email || !/^[^\s@]+@[^\s@]+$/.test(e)) {
    throw new AppError('validation_failed', 'That email address does not look right. Leave it empty or check it.');
  }
  return e;
}
