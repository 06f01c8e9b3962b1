import { describe, expect, it } from '@jest/globals';
import { Mutex } from './mutex.js';

describe('Mutex', () => {
  it('runs holders one at a time, first come first served, and survives a failing holder', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const hold = (name: string, ms: number, fail = false) =>
      mutex.run(async () => {
        log.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`${name} out`);
        if (fail) throw new Error(name);
      });
    const results = await Promise.allSettled([hold('a', 20), hold('b', 5, true), hold('c', 1)]);
    expect(log).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
