import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { createLogger } from './logger.js';

/** A logger writing into an array of parsed lines. */
function capturedLogger(level?: string) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    { service: 'test-service', ...(level ? { level } : {}) },
    { write: (line: string) => void lines.push(JSON.parse(line)) },
  );
  return { logger, lines };
}

describe('createLogger', () => {
  const provider = new NodeTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())],
  });

  beforeAll(() => provider.register());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  it('writes JSON with the service, the level name and an ISO time', () => {
    const { logger, lines } = capturedLogger();
    logger.info({ booking: 'b-1' }, 'booked');
    expect(lines).toEqual([
      expect.objectContaining({
        service: 'test-service',
        level: 'info',
        msg: 'booked',
        booking: 'b-1',
      }),
    ]);
    expect(new Date(lines[0]!['time'] as string).toISOString()).toBe(lines[0]!['time']);
  });

  it('carries trace_id and span_id of the active span', () => {
    const { logger, lines } = capturedLogger();
    const tracer = trace.getTracer('logger-spec');
    const ids = tracer.startActiveSpan('work', (span) => {
      logger.info('inside');
      span.end();
      return span.spanContext();
    });
    logger.info('outside');

    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(lines[0]).toMatchObject({ trace_id: ids.traceId, span_id: ids.spanId });
    expect(lines[1]).not.toHaveProperty('trace_id');
    expect(lines[1]).not.toHaveProperty('span_id');
  });

  it('follows the active span into child loggers and async continuations', async () => {
    const { logger, lines } = capturedLogger();
    const tracer = trace.getTracer('logger-spec');
    const traceId = await tracer.startActiveSpan('async-work', async (span) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.child({ component: 'relay' }).warn('after await');
      span.end();
      return span.spanContext().traceId;
    });
    expect(lines[0]).toMatchObject({ trace_id: traceId, component: 'relay', level: 'warn' });
  });

  it('redacts credentials and personal data wherever they sit in the logged object', () => {
    const { logger, lines } = capturedLogger();
    logger.info(
      {
        password: 'hunter2',
        req: {
          method: 'POST',
          headers: { authorization: 'Bearer abc', cookie: 'sid=1', host: 'gm.local' },
        },
        applicant: { name: '张三', idNumber: '440300199001011234', phone: '13800138000' },
        body: { applicants: [{ phone: '13900139000' }], user: { accessToken: 'jwt' } },
      },
      'received',
    );
    const line = JSON.stringify(lines[0]);
    for (const secret of [
      'hunter2',
      'Bearer abc',
      'sid=1',
      '440300199001011234',
      '13800138000',
      '13900139000',
      'jwt',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      password: '[redacted]',
      req: { method: 'POST', headers: { authorization: '[redacted]', host: 'gm.local' } },
      applicant: { name: '张三', idNumber: '[redacted]', phone: '[redacted]' },
    });
  });

  it('drops entries below the level', () => {
    const { logger, lines } = capturedLogger('warn');
    logger.info('quiet');
    logger.error('loud');
    expect(lines.map((l) => l['msg'])).toEqual(['loud']);
  });
});
