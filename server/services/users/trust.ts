import type { ModerationMode } from '../../../contract';
import type { ServiceContext } from '../context';
import type { SignedIn } from './session';
import { isStaff } from './token';

/**
 * Whether a new comment waits for a moderator, by who posts it. Staff, moderators and admins
 * never wait. Anyone else waits when the thread is pre-moderated, when the desk marked them
 * "always pre-moderate", or while fewer than FOOTNOTE_PREMOD_FIRST of their comments have
 * been published (a commenter is a signed-in user, else a guest's email; a guest without an
 * email is always new). Content checks (word lists, spam) apply to everyone, staff included.
 */
export async function mustWait(ctx: ServiceContext, moderation: ModerationMode, who: SignedIn | null, email: string | null): Promise<boolean> {
  if (who && isStaff(who.user.role)) return false;
  if (moderation === 'pre' || who?.user.premod) return true;
  const first = ctx.config.sso.premodFirst;
  if (first === 0) return false;
  if (!who && !email) return true;
  const published = await ctx.store.users.publishedBy(who ? { userId: who.user.id } : { email: email! });
  return published < first;
}
