import type { ErrorCode } from '../../contract';

/** The HTTP status of each code. */
const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  validation_failed: 400,
  empty_author: 400,
  empty_body: 400,
  author_too_long: 400,
  body_too_long: 400,
  invalid_parent: 400,
  banned_word: 400,
  unauthorized: 401,
  invalid_token: 401,
  sign_in_required: 401,
  forbidden: 403,
  misdirected_request: 421,
  thread_closed: 403,
  banned: 403,
  edit_window_closed: 403,
  not_found: 404,
  duplicate: 409,
  already_reported: 409,
  rate_limited: 429,
  too_many_connections: 503,
  unavailable: 503,
  import_failed: 400,
  internal: 500,
};

/**
 * The one error type of the server. Services throw it with a stable machine code; the HTTP
 * layer maps it to the contract's `{"error":{"code","message"}}` shape. The code is what
 * clients (the widget, /admin) switch on, listed in the contract (contract/errors.ts); the
 * message is a sentence a reader can act on.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra headers the answer must carry (e.g. `Retry-After`). */
    readonly headers: Record<string, string> = {},
    /** Fields the answer carries beside `error` (e.g. what a stopped import did write). */
    readonly details: Record<string, unknown> = {},
  ) {
    // No stack trace: an AppError is an answer to the client, never logged, and capturing the
    // stack was the largest cost of refusing a request (a flood of 429s ran slower than the
    // views it refused).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);
