import type { Context, MiddlewareHandler } from 'hono';
import { type Origins, originAllowed } from './origins';

/** The headers of an answer, as a plain object (names in lower case). */
export type Head = Readonly<Record<string, string>>;

/** Headers on every answer: no MIME sniffing, no referrer leaks beyond the origin. */
const BASE: Head = Object.freeze({
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
});

/** What a page of another origin may read of an API answer besides the simple headers. */
const EXPOSED = 'Retry-After, ETag';

/**
 * The headers of every API answer to a request from `origin`: the base headers, the CORS
 * grant when FOOTNOTE_ORIGINS allows that origin (with the headers it may read), and
 * `Vary: Origin` whenever the grant depends on the origin. Built once per origin the list
 * allows and once for all the others, so memory is bounded by the configuration, not by
 * what clients send.
 */
export function apiHeadFor(origins: Origins): (origin: string | undefined) => Head {
  const built = new Map<string, Head>();
  const build = (grant: string | null): Head =>
    Object.freeze({
      ...BASE,
      ...(grant ? { 'access-control-allow-origin': grant, 'access-control-expose-headers': EXPOSED } : {}),
      ...(origins === '*' ? {} : { vary: 'Origin' }),
    });
  if (origins === '*') {
    const any = build('*');
    return () => any;
  }
  const other = build(null);
  return (origin) => {
    if (origin === undefined || !originAllowed(origins, origin)) return other;
    let head = built.get(origin);
    if (!head) built.set(origin, (head = build(origin)));
    return head;
  };
}

declare module 'hono' {
  interface ContextVariableMap {
    /** The headers this request's answers carry, chosen by `answerHeaders`. */
    head: Head;
    /** The answer built with them (`answer`), which needs nothing more on its way out. */
    answered: Response;
  }
}

/**
 * The one place that puts headers on answers: every answer gets the base headers, every API
 * answer (`/api/…`, errors and the event stream included) the API head of `apiHeadFor`.
 * Answers built with `answer()` (the hot routes, errors) already carry them and pass as they
 * are; any other answer gets them set on its way out. Setting headers on a finished response
 * makes the Node adapter turn its plain header object into a `Headers` and back, a copy per
 * request: hence `answer()` for the requests that come by the thousand.
 */
export function answerHeaders(origins: Origins): MiddlewareHandler {
  const apiHead = apiHeadFor(origins);
  return async (c, next) => {
    const head = c.req.path.startsWith('/api/') ? apiHead(c.req.header('origin')) : BASE;
    c.set('head', head);
    await next();
    const res = c.res;
    if (res === c.get('answered')) return;
    for (const name in head) res.headers.set(name, head[name]!);
  };
}

/** The headers this request's answers carry (for an answer written straight to the socket). */
export const headOf = (c: Context): Head => c.get('head') ?? BASE;

/**
 * An answer with this request's head plus `extra` (which must name the content type when
 * there is a body), built as one plain object: nothing is copied on the way out.
 */
export function answer(c: Context, status: number, body: string | Uint8Array<ArrayBuffer> | null, extra?: Record<string, string>): Response {
  const head = headOf(c);
  const res = new Response(body, { status, headers: extra ? { ...head, ...extra } : head });
  c.set('answered', res);
  return res;
}

/** Marks a response whose headers were written another way (straight to the socket). */
export function alreadyAnswered(c: Context, res: Response): Response {
  c.set('answered', res);
  return res;
}
