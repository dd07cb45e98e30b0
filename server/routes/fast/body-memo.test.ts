import { describe, expect, it } from 'vitest';
import { BodyMemo } from './body-memo';

const JSON_TYPE = 'application/json';

function counting() {
  const calls: string[] = [];
  const memo = new BodyMemo<{ title: string }>(
    JSON_TYPE,
    (type, bytes) => {
      calls.push(`${type} ${bytes.toString('utf8')}`);
      const data = JSON.parse(bytes.toString('utf8')) as { title?: unknown };
      if (typeof data.title !== 'string') throw new Error('no title');
      return { title: data.title };
    },
    3,
    64,
  );
  return { memo, calls };
}

describe('BodyMemo', () => {
  it('parses the same bytes once and hands back the same frozen value', () => {
    const { memo, calls } = counting();
    const a = memo.get(JSON_TYPE, Buffer.from('{"title":"A"}'));
    const b = memo.get(JSON_TYPE, Buffer.from('{"title":"A"}'));
    expect(b).toBe(a);
    expect(a).toEqual({ title: 'A' });
    expect(Object.isFrozen(a)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('tells bodies apart by their bytes, not by their decoded text', () => {
    const { memo, calls } = counting();
    // Two bodies that decode (loosely) to the same text: each byte is a U+FFFD.
    const withByte = (byte: number) => Buffer.concat([Buffer.from('{"title":"'), Buffer.from([byte]), Buffer.from('"}')]);
    expect(memo.get(JSON_TYPE, withByte(0xff)).title).toBe('\uFFFD');
    expect(memo.get(JSON_TYPE, withByte(0xfe)).title).toBe('\uFFFD');
    expect(calls).toHaveLength(2);
    expect(memo.size).toBe(2);
  });

  it('does not remember a body that failed, nor one under another type, nor a long one', () => {
    const { memo, calls } = counting();
    expect(() => memo.get(JSON_TYPE, Buffer.from('{"x":1}'))).toThrow('no title');
    expect(() => memo.get(JSON_TYPE, Buffer.from('{"x":1}'))).toThrow('no title');
    memo.get('application/json; charset=utf-8', Buffer.from('{"title":"A"}'));
    memo.get('application/json; charset=utf-8', Buffer.from('{"title":"A"}'));
    const long = Buffer.from(JSON.stringify({ title: 'x'.repeat(80) }));
    memo.get(JSON_TYPE, long);
    memo.get(JSON_TYPE, long);
    expect(calls).toHaveLength(6);
    expect(memo.size).toBe(0);
  });

  it('stays within its bound', () => {
    const { memo } = counting();
    for (let i = 0; i < 10; i++) memo.get(JSON_TYPE, Buffer.from(`{"title":"${i}"}`));
    expect(memo.size).toBeLessThanOrEqual(3);
  });
});
