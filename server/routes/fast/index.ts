import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceContext } from '../../services/context';
import type { FastPath } from './types';
import { viewsFastPath } from './views';

export type { FastPath } from './types';

/**
 * The node:http request listener: the fast paths first (today only recording a view, the
 * request a traffic spike multiplies), then Hono for everything else.
 */
export function withFastPaths(ctx: ServiceContext, hono: (req: IncomingMessage, res: ServerResponse) => unknown) {
  const fast: FastPath[] = [viewsFastPath(ctx)];
  return (req: IncomingMessage, res: ServerResponse): void => {
    for (const path of fast) if (path(req, res)) return;
    void hono(req, res);
  };
}
