import { WORD_KINDS, type WordEntry, type WordKind } from '../../../../contract';
import { AppError, notFound } from '../../../lib/errors';
import type { WordRow } from '../../../store/types';
import type { ServiceContext } from '../../context';
import { recordAudit } from '../audit';
import { compileWordList } from './matcher';

/** A word-list entry as the desk reads it. */
export const presentWord = (w: WordRow): WordEntry => ({
  id: w.id,
  kind: w.kind,
  word: w.word,
  createdAt: new Date(w.createdAt).toISOString(),
});

/** Both lists, or one, alphabetically. */
export function listWords(ctx: ServiceContext, kind?: WordKind) {
  const kinds: readonly WordKind[] = kind ? [kind] : WORD_KINDS;
  return { words: kinds.flatMap((k) => ctx.words.list(k).map(presentWord)) };
}

/** Short summary of a list of words for the audit trail (a paste can hold thousands). */
const summary = (words: readonly string[]) => {
  const text = words.slice(0, 20).join(', ');
  return words.length > 20 ? `${text}, … (${words.length} in all)` : text;
};

/**
 * Adds entries to a list (already present ones are skipped) and recompiles it once.
 * An entry that could never match (only wildcards and punctuation) is refused, since a
 * moderator who typed it expects it to do something.
 */
export async function addWords(ctx: ServiceContext, kind: WordKind, words: readonly string[]) {
  const entries = [...new Set(words.map((w) => w.trim()).filter(Boolean))];
  if (entries.length === 0) throw new AppError('validation_failed', '"words": give at least one word.');
  const useless = entries.find((w) => compileWordList([w]).size === 0);
  if (useless !== undefined) {
    throw new AppError('validation_failed', `"words": "${useless}" has no letter or digit, so it would never match anything.`);
  }
  const added = await ctx.store.moderation.addWords(kind, entries);
  await ctx.words.reload(kind);
  ctx.cluster.send({ type: 'words', kind });
  if (added > 0) await recordAudit(ctx, { action: 'words.add', targetType: 'words', targetId: kind, detail: summary(entries) });
  return { added, total: ctx.words.list(kind).length };
}

/** Removes one entry by id and recompiles its list. */
export async function removeWord(ctx: ServiceContext, id: number): Promise<void> {
  const entry = ctx.words.byId(id);
  if (!entry || !(await ctx.store.moderation.removeWord(id))) throw notFound('That word-list entry');
  await ctx.words.reload(entry.kind);
  ctx.cluster.send({ type: 'words', kind: entry.kind });
  await recordAudit(ctx, { action: 'words.remove', targetType: 'words', targetId: entry.kind, detail: entry.word });
}
