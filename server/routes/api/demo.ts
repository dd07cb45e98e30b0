import type { Context } from 'hono';
import { z } from 'zod';
import { readJson } from '../../http/body';
import type { ServiceContext } from '../../services/context';
import { DEMO_USERS, mintDemoToken, type DemoUser } from '../../services/users/demo';

const DemoSignIn = z.strictObject({
  as: z.enum(Object.keys(DEMO_USERS) as [DemoUser, ...DemoUser[]], { error: `must be one of ${Object.keys(DEMO_USERS).join(', ')}` }),
});

/** `POST /demo/sign-in {"as": "reader"|"staff"|"moderator"}`: the demo page's sign-in switch. */
export const demoSignInHandler = (ctx: ServiceContext) => async (c: Context) => {
  const { as } = await readJson(c, DemoSignIn);
  c.header('Cache-Control', 'no-store');
  return c.json(await mintDemoToken(ctx, as));
};
