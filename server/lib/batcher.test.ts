import { describe, expect, it } from 'vitest';
import { Batcher, type BatcherOptions } from './batcher';

/** A batcher whose runs wait until `release()`, recording what each run was given. */
function gated(options: BatcherOptions<string> = {}, fail?: (items: readonly string[]) => Error | null) {
  const runs: string[][] = [];
  let open: () => void = () => {};
  let gate = new Promise<void>((r) => (open = r));
  const batcher = new Batcher<string, string>(async (items) => {
    runs.push([...items]);
    await gate;
    const err = fail?.(items);
    if (err) throw err;
    return items.map((i) => i.toUpperCase());
  }, options);
  const release = () => {
    open();
    gate = new Promise<void>((r) => (open = r));
  };
  return { batcher, runs, release };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Batcher', () => {
  it('runs an item alone at once, and items that arrive meanwhile together in the next run', async () => {
    const { batcher, runs, release } = gated();
    const first = batcher.add('a');
    expect(runs).toEqual([['a']]);
    const rest = ['b', 'c', 'd'].map((i) => batcher.add(i));
    await tick();
    expect(runs).toEqual([['a']]);
    release();
    expect(await first).toBe('A');
    await tick();
    expect(runs).toEqual([['a'], ['b', 'c', 'd']]);
    release();
    expect(await Promise.all(rest)).toEqual(['B', 'C', 'D']);
  });

  it('takes at most `most` items a run, in the order they came', async () => {
    const { batcher, runs, release } = gated({ most: 2 });
    const all = ['a', 'b', 'c', 'd', 'e'].map((i) => batcher.add(i));
    for (let i = 0; i < 3; i++) {
      release();
      await tick();
    }
    expect(await Promise.all(all)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(runs).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('never puts two items of one key in a run: the later waits for the next, the others go on', async () => {
    const { batcher, runs, release } = gated({ keyOf: (i) => i[0]! });
    const all = ['x1', 'x2', 'y1', 'x3', 'z1'].map((i) => batcher.add(i));
    for (let i = 0; i < 4; i++) {
      release();
      await tick();
    }
    await Promise.all(all);
    expect(runs).toEqual([['x1'], ['x2', 'y1', 'z1'], ['x3']]);
  });

  it('fails every item of a failed run, unless told to try each alone', async () => {
    const refuse = (items: readonly string[]) => (items.includes('bad') ? new Error(`refused ${items.join(',')}`) : null);
    const all = gated({}, refuse);
    const a = all.batcher.add('a');
    const rest = ['b', 'bad'].map((i) => all.batcher.add(i).catch((e: Error) => e.message));
    all.release();
    await a;
    await tick();
    all.release();
    expect(await Promise.all(rest)).toEqual(['refused b,bad', 'refused b,bad']);

    const alone = gated({ retryAlone: () => true }, refuse);
    const head = alone.batcher.add('a');
    const tail = ['b', 'bad', 'c'].map((i) => alone.batcher.add(i).catch((e: Error) => e.message));
    for (let i = 0; i < 6; i++) {
      alone.release();
      await tick();
    }
    await head;
    expect(await Promise.all(tail)).toEqual(['B', 'refused bad', 'C']);
    expect(alone.runs).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });

  it('settles every item when a run throws before returning a promise, alone or together', async () => {
    const runs: string[][] = [];
    let open: () => void = () => {};
    const gate = new Promise<void>((r) => (open = r));
    const batcher = new Batcher<string, string>(
      (items) => {
        runs.push([...items]);
        if (items.includes('bad')) throw new Error(`thrown at once: ${items.join(',')}`);
        return gate.then(() => items.map((i) => i.toUpperCase()));
      },
      { retryAlone: () => true },
    );
    const first = batcher.add('a');
    const rest = ['b', 'bad', 'c'].map((i) => batcher.add(i).catch((e: Error) => e.message));
    open();
    expect(await first).toBe('A');
    expect(await Promise.all(rest)).toEqual(['B', 'thrown at once: bad', 'C']);
    expect(runs).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });

  it('goes on after a failure: the next item runs', async () => {
    const { batcher, release } = gated({}, (items) => (items[0] === 'bad' ? new Error('no') : null));
    const bad = batcher.add('bad').catch((e: Error) => e.message);
    release();
    expect(await bad).toBe('no');
    const next = batcher.add('ok');
    release();
    expect(await next).toBe('OK');
  });
});
