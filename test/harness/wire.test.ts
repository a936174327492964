import { expect, it } from 'vitest';
import { decode, encode } from '../../src/harness/wire';

it('round-trips typed arrays exactly, including non-finite values, at any depth', () => {
  const f32 = Float32Array.from([1.5, NaN, -0, Infinity, -Infinity, 3.4e38]);
  const value = { a: [f32, new Uint32Array([1, 2 ** 32 - 1])], b: 'x', c: { d: new Float64Array([Math.PI]) } };
  // Through JSON, as CDP would carry it.
  const back = decode(JSON.parse(JSON.stringify(encode(value)))) as typeof value;
  expect(back.a[0]).toBeInstanceOf(Float32Array);
  expect(Object.is(back.a[0][2], -0)).toBe(true);
  expect(Array.from(back.a[0])).toEqual(Array.from(f32));
  expect(Array.from(back.a[1])).toEqual([1, 2 ** 32 - 1]);
  expect(back.c.d[0]).toBe(Math.PI);
  expect(back.b).toBe('x');
});

it('transfers a view of part of a buffer, not the whole buffer', () => {
  const whole = new Float32Array([0, 1, 2, 3]);
  const back = decode(encode(whole.subarray(1, 3))) as Float32Array;
  expect(Array.from(back)).toEqual([1, 2]);
});
