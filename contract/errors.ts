/**
 * The machine codes of `{"error":{"code","message"}}`. Clients switch on the code and show
 * the message; a code never changes meaning once shipped. The server maps each to its HTTP
 * status in server/lib/errors.ts (a `Record<ErrorCode, number>`, so a code added here fails
 * the type-check until it has a status).
 */
export const ERROR_CODES = [
  'bad_request',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'validation_failed',
  'empty_author',
  'empty_body',
  'author_too_long',
  'body_too_long',
  'invalid_parent',
  'banned_word',
  'unauthorized',
  'invalid_token',
  'sign_in_required',
  'forbidden',
  'misdirected_request',
  'thread_closed',
  'banned',
  'edit_window_closed',
  'not_found',
  'duplicate',
  'already_reported',
  'rate_limited',
  'too_many_connections',
  'unavailable',
  'import_failed',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every error answer of the API. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}
