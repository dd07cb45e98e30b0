import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A route served by node:http directly, before Hono sees the request. Returns false, having
 * touched nothing, when the request is not one it takes; Hono then answers it.
 */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;
