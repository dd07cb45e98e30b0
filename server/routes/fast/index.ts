import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceContext } from '../../services/context';
import type { FastPath } from './types';
import { readsFastPath } from './reads';
import { viewsFastPath } from './views';
import { WriteBatch } from './write-batch';

export type { FastPath } from './types';

/**
 * The node:http request listener: the fast paths first (recording a view, and the public
 * reads: the requests a traffic spike multiplies), then Hono for everything else.
 */
export function withFastPaths(ctx: ServiceContext, hono: (req: IncomingMessage, res: ServerResponse) => unknown) {
  const batch = new WriteBatch();
  const fast: FastPath[] = [viewsFastPath(ctx, batch), readsFastPath(ctx, batch)];
  return (req: IncomingMessage, res: ServerResponse): void => {
    for (const path of fast) if (path(req, res)) return;
    void hono(req, res);
  };
}
