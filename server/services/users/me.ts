import type { Me } from '../../../contract';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import type { SignedIn } from './session';

/** Most commenters one reader may ignore: a list, not a second database. */
export const MAX_IGNORED = 1000;

/** The signed-in reader as the widget shows them, with whom they ignore. */
export async function whoAmI(ctx: ServiceContext, who: SignedIn): Promise<Me> {
  const { user, badges } = who;
  return { authorId: user.id, username: user.username, role: user.role, badges, ignored: await ctx.store.users.ignored(user.id) };
}

/**
 * Ignores a commenter for this reader, on every device: their comments fold to one line in
 * the widget. Kept by `authorId`, so only signed-in commenters can be ignored this way (a
 * guest's name is anyone's to type); the widget keeps a guest reader's own list in the browser.
 */
export async function ignoreCommenter(ctx: ServiceContext, who: SignedIn, authorId: string): Promise<Me> {
  if (authorId === who.user.id) throw new AppError('validation_failed', 'You cannot ignore yourself.');
  if (!(await ctx.store.users.get(authorId))) throw new AppError('not_found', 'That commenter was not found.');
  const list = await ctx.store.users.ignored(who.user.id);
  if (!list.includes(authorId) && list.length >= MAX_IGNORED) {
    throw new AppError('validation_failed', `You already ignore ${MAX_IGNORED} commenters: stop ignoring some first.`);
  }
  await ctx.store.users.ignore(who.user.id, authorId, ctx.now());
  return whoAmI(ctx, who);
}

/** Stops ignoring; idempotent. */
export async function unignoreCommenter(ctx: ServiceContext, who: SignedIn, authorId: string): Promise<Me> {
  await ctx.store.users.unignore(who.user.id, authorId);
  return whoAmI(ctx, who);
}
