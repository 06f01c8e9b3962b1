import { describe, expect, it } from '@jest/globals';
import { retryingTransientConflicts } from './transaction.js';

const dbError = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code });

describe('retryingTransientConflicts', () => {
  it('runs the transaction again after a deadlock or serialization failure', async () => {
    const failures = [dbError('40P01'), dbError('40001')];
    let runs = 0;
    const result = await retryingTransientConflicts(async () => {
      runs++;
      const failure = failures.shift();
      if (failure) throw failure;
      return 'committed';
    });
    expect(result).toBe('committed');
    expect(runs).toBe(3);
  });

  it('gives up after the last attempt with the database error', async () => {
    let runs = 0;
    await expect(
      retryingTransientConflicts(async () => {
        runs++;
        throw dbError('40P01');
      }, 2),
    ).rejects.toThrow('sqlstate 40P01');
    expect(runs).toBe(2);
  });

  it('never repeats a transaction that failed for any other reason', async () => {
    let runs = 0;
    await expect(
      retryingTransientConflicts(async () => {
        runs++;
        throw dbError('23P01');
      }),
    ).rejects.toThrow('23P01');
    expect(runs).toBe(1);
  });
});
