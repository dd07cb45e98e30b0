import type { AppError } from '../lib/errors';
import { StoreError, type StoreErrorCode } from '../store/types';

/**
 * Turns one storage error into the answer a reader or moderator gets, for `.catch()` on a
 * store call: `store.comments.addReaction(…).catch(answerAs('comment_missing', () => notFound('That comment')))`.
 * Every other error passes through unchanged.
 */
export function answerAs(code: StoreErrorCode, answer: () => AppError) {
  return (err: unknown): never => {
    if (err instanceof StoreError && err.code === code) throw answer();
    throw err;
  };
}
