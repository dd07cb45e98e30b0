import { SignJWT } from 'jose';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';

/** The demo's people: a reader, a reporter (staff) and a moderator of the demo newsroom. */
export const DEMO_USERS = {
  reader: { id: 'demo-reader', username: 'Riley Reader', email: 'riley@demo.invalid', badges: ['Subscriber'], role: 'commenter' },
  staff: { id: 'demo-staff', username: 'Sam Reporter', email: 'sam@demo.invalid', badges: ['Transport desk'], role: 'staff' },
  moderator: { id: 'demo-moderator', username: 'Morgan Desk', email: 'morgan@demo.invalid', badges: [], role: 'moderator' },
} as const;
export type DemoUser = keyof typeof DEMO_USERS;

/**
 * A sign-in token for one of the demo's people, as a newsroom's login would mint it: only
 * while the server runs on the public demo secret (`config.sso.demo`, never in production), so
 * a newcomer sees badges and moderation in two clicks.
 */
export async function mintDemoToken(ctx: ServiceContext, as: DemoUser): Promise<{ token: string; user: (typeof DEMO_USERS)[DemoUser] }> {
  const { secret, demo } = ctx.config.sso;
  if (!demo || !secret) throw new AppError('not_found', 'The demo sign-in is off: it works only with the public demo secret (npm run demo).');
  const now = Math.floor(ctx.now() / 1000);
  const user = DEMO_USERS[as];
  const token = await new SignJWT({ user })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + 12 * 3600)
    .sign(new TextEncoder().encode(secret));
  return { token, user };
}
