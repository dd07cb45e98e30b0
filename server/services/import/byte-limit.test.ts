import { describe, expect, it } from 'vitest';
import { limitBytes } from './byte-limit';
import { ImportTooLargeError } from './types';

describe('limitBytes', () => {
  it('passes the first maxBytes on, then stops the source without reading it to the end', async () => {
    let pulled = 0;
    let closed = false;
    async function* endless() {
      try {
        for (;;) {
          pulled++;
          yield new Uint8Array(1000);
        }
      } finally {
        closed = true;
      }
    }
    let passed = 0;
    const reading = (async () => {
      for await (const chunk of limitBytes(endless(), 10_500)) passed += typeof chunk === 'string' ? chunk.length : chunk.byteLength;
    })();
    await expect(reading).rejects.toThrow(ImportTooLargeError);
    expect(passed).toBe(10_500);
    expect(pulled).toBe(11);
    expect(closed).toBe(true);
  });

  it('counts text as UTF-8 bytes', async () => {
    async function* text() {
      yield 'éé';
    }
    await expect((async () => {
      for await (const _ of limitBytes(text(), 3));
    })()).rejects.toThrow(/larger than 0 KiB/);
  });
});
