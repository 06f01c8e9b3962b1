import { describe, expect, it } from '@jest/globals';
import { createLogger } from './logger.js';
import { NestPinoLogger } from './nest-pino-logger.js';

function capturedNestLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    { service: 'svc', level: 'trace' },
    { write: (line: string) => void lines.push(JSON.parse(line)) },
  );
  return { nest: new NestPinoLogger(logger), lines };
}

describe('NestPinoLogger', () => {
  it('turns Nest context into a field and maps levels', () => {
    const { nest, lines } = capturedNestLogger();
    nest.log('Nest application successfully started', 'NestApplication');
    nest.warn('slow');
    nest.verbose('details', 'RoutesResolver');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'Nest application successfully started',
        context: 'NestApplication',
      }),
      expect.objectContaining({ level: 'warn', msg: 'slow' }),
      expect.objectContaining({ level: 'trace', msg: 'details', context: 'RoutesResolver' }),
    ]);
    expect(lines[1]).not.toHaveProperty('context');
  });

  it('keeps the stack and the context of error(message, stack, context)', () => {
    const { nest, lines } = capturedNestLogger();
    const stack = new Error('boom').stack!;
    nest.error('boom', stack, 'ExceptionsHandler');
    nest.error('lone stack', stack);
    nest.error('no stack', undefined, 'Ctx');
    expect(lines[0]).toMatchObject({
      level: 'error',
      msg: 'boom',
      stack,
      context: 'ExceptionsHandler',
    });
    expect(lines[1]).toMatchObject({ msg: 'lone stack', stack });
    expect(lines[1]).not.toHaveProperty('context');
    expect(lines[2]).toMatchObject({ msg: 'no stack', context: 'Ctx' });
    expect(lines[2]).not.toHaveProperty('stack');
  });

  it('serialises an Error message and merges an object message', () => {
    const { nest, lines } = capturedNestLogger();
    nest.error(new Error('database down'), 'DatabaseModule');
    nest.log({ msg: 'structured', rows: 3 }, 'Migrator');
    expect(lines[0]).toMatchObject({
      msg: 'database down',
      context: 'DatabaseModule',
      err: { message: 'database down' },
    });
    expect(lines[1]).toMatchObject({ msg: 'structured', rows: 3, context: 'Migrator' });
  });
});
