import { describe, it, expect } from '@jest/globals';
import { Semaphore } from './semaphore.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Semaphore', () => {
  it('lets at most `size` holders in and hands slots over in order', async () => {
    const slots = new Semaphore(2);
    const entered: number[] = [];
    await slots.acquire();
    await slots.acquire();
    void slots.acquire().then(() => entered.push(3));
    void slots.acquire().then(() => entered.push(4));
    await tick();
    expect(entered).toEqual([]);
    slots.release();
    await tick();
    expect(entered).toEqual([3]);
    slots.release();
    await tick();
    expect(entered).toEqual([3, 4]);
  });

  it('is idle only once every holder has released', async () => {
    const slots = new Semaphore(3);
    await slots.acquire();
    await slots.acquire();
    let idle = false;
    void slots.idle().then(() => (idle = true));
    slots.release();
    await tick();
    expect(idle).toBe(false);
    slots.release();
    await tick();
    expect(idle).toBe(true);
  });

  it('rejects a size below one', () => {
    expect(() => new Semaphore(0)).toThrow(/positive integer/);
  });
});
