import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { WriteBatch } from './write-batch';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function fakeRes(log: string[], name: string, fail = false) {
  return {
    end(text: string) {
      if (fail) throw new Error('socket gone');
      log.push(`${name}:${text}`);
    },
    destroy() {
      log.push(`${name}:destroyed`);
    },
  } as unknown as ServerResponse;
}

describe('WriteBatch', () => {
  it('ends the answers of one turn together, after it, in order', async () => {
    const log: string[] = [];
    const batch = new WriteBatch();
    batch.end(fakeRes(log, 'a'), '1');
    batch.end(fakeRes(log, 'b'), '2');
    expect(log).toEqual([]);
    await turn();
    expect(log).toEqual(['a:1', 'b:2']);
    // The next turn starts a new batch.
    batch.end(fakeRes(log, 'c'), '3');
    await turn();
    expect(log).toEqual(['a:1', 'b:2', 'c:3']);
  });

  it('still ends the others when one answer cannot be written', async () => {
    const log: string[] = [];
    const batch = new WriteBatch();
    batch.end(fakeRes(log, 'a', true), '1');
    batch.end(fakeRes(log, 'b'), '2');
    await turn();
    expect(log).toEqual(['a:destroyed', 'b:2']);
  });
});
