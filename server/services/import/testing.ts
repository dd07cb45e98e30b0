import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ImportedComment, ImportedThread, ImportItem, ImportSkip } from './types';

/** Test helpers for the import parsers (not used by the server). */

/** A fixture file as a byte stream, in small chunks so that parsers see split input. */
export function fixture(name: string): AsyncIterable<Uint8Array> {
  return createReadStream(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), { highWaterMark: 97 });
}

/** Text as UTF-8 chunks of `size` bytes, cutting through characters and tags on purpose. */
export async function* bytes(text: string, size = 13): AsyncGenerator<Uint8Array> {
  const all = new TextEncoder().encode(text);
  for (let i = 0; i < all.length; i += size) yield all.subarray(i, i + size);
}

/** Drains a parser into an array. */
export async function collect(items: AsyncIterable<ImportItem>): Promise<ImportItem[]> {
  const out: ImportItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The items of one kind, typed. */
export const threadsOf = (items: ImportItem[]): ImportedThread[] => items.filter((i): i is ImportedThread => i.kind === 'thread');
export const commentsOf = (items: ImportItem[]): ImportedComment[] => items.filter((i): i is ImportedComment => i.kind === 'comment');
export const skipsOf = (items: ImportItem[]): ImportSkip[] => items.filter((i): i is ImportSkip => i.kind === 'skip');

/** Checks the ordering promise: each thread before its comments, each parent before its replies. */
export function assertOrdered(items: ImportItem[]): void {
  const threads = new Set<string>();
  const seen = new Set<string>();
  for (const item of items) {
    if (item.kind === 'thread') threads.add(item.key);
    if (item.kind !== 'comment') continue;
    if (!threads.has(item.threadKey)) throw new Error(`${item.sourceId} before its thread ${item.threadKey}`);
    if (item.parentSourceId && !seen.has(item.parentSourceId)) throw new Error(`${item.sourceId} before its parent`);
    seen.add(item.sourceId);
  }
}
