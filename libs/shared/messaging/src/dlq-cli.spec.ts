import { describe, it, expect } from '@jest/globals';
import { main } from './dlq-cli.js';

const run = async (argv: string[], env: Record<string, string> = {}) => {
  const lines: string[] = [];
  const code = await main(argv, env, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  return { code, lines };
};

describe('dlq command line', () => {
  it('prints its usage for an unknown command', async () => {
    expect(await run(['dlq', 'purge'])).toEqual({
      code: 2,
      lines: [expect.stringMatching(/^usage: dlq list/)],
    });
    expect(await run(['replay'])).toEqual({ code: 2, lines: [expect.stringMatching(/^usage:/)] });
  });

  it('rejects a sequence that is not a positive integer before connecting', async () => {
    const { code, lines } = await run(['replay', 'abc'], { NATS_URL: 'nats://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^dlq replay: /);
  });

  it('names a bad NATS_PREFIX', async () => {
    const { code, lines } = await run(['list'], { NATS_PREFIX: 'no.dots' });
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/NATS_PREFIX/);
  });
});
