import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Global, Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { SpanKind, trace } from '@opentelemetry/api';
import { node as otelNode } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { connect } from 'nats';
import { z } from 'zod';
import { event } from '@gm/shared-contracts';
import { DATABASE } from '@gm/shared-db';
import {
  openTestDatabase,
  testNatsUrl,
  uniquePrefix,
  waitFor,
  type OpenedTestDatabase,
} from '@gm/shared-testing';
import type { CloudEvent } from '../cloudevent.js';
import { EventsModule } from './events.module.js';
import { OnDurableEvent } from './on-durable-event.decorator.js';
import { Outbox } from './outbox.js';
import type { MessagingTables } from './tables.js';

jest.setTimeout(60_000);

const TicketAssigned = event('triage.evt.ticket.assigned.v1', z.object({ ticketId: z.string() }));

// A real tracer provider with the W3C propagator and an async-context manager, as telemetry sets up in main.ts.
const exporter = new InMemorySpanExporter();
const provider = new otelNode.NodeTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});
provider.register();

@Injectable()
class TicketListener {
  readonly seen: { eventId: string; traceId?: string; spanId?: string; traceparent?: string }[] =
    [];

  @OnDurableEvent(TicketAssigned)
  async onAssigned(event: CloudEvent<{ ticketId: string }>): Promise<void> {
    const span = trace.getActiveSpan()?.spanContext();
    this.seen.push({
      eventId: event.id,
      traceId: span?.traceId,
      spanId: span?.spanId,
      traceparent: event.traceparent,
    });
  }
}

describe('trace context across the outbox, JetStream and a durable consumer', () => {
  const prefix = uniquePrefix('trace');
  let opened: OpenedTestDatabase<MessagingTables>;
  let app: TestingModule;

  beforeAll(async () => {
    opened = await openTestDatabase<MessagingTables>({ service: 'triage', schema: 'triage' });

    @Global()
    @Module({ providers: [{ provide: DATABASE, useValue: opened.database }], exports: [DATABASE] })
    class TestDatabaseModule {}

    app = await Test.createTestingModule({
      imports: [
        TestDatabaseModule,
        EventsModule.forRoot({ service: 'triage', natsUrl: testNatsUrl(), prefix }),
      ],
      providers: [TicketListener],
    }).compile();
    await app.init();
  });

  afterAll(async () => {
    try {
      await app?.close();
      const nc = await connect({ servers: testNatsUrl(), noAsyncTraces: true });
      const jsm = await nc.jetstreamManager();
      for await (const name of jsm.streams.names())
        if (name.startsWith(`${prefix}_`)) await jsm.streams.delete(name);
      await nc.close();
    } finally {
      await opened?.cleanup();
      await provider.shutdown();
    }
  });

  it('continues the trace of the request that wrote the event in the handler', async () => {
    const tracer = trace.getTracer('test');
    const { written, traceId, requestSpanId } = await tracer.startActiveSpan(
      'POST /api/tickets/1/assign',
      async (span) => {
        const written = await app
          .get(Outbox)
          .add(opened.database.db, TicketAssigned, { ticketId: 't-1' }, { subject: 't-1' });
        span.end();
        return {
          written,
          traceId: span.spanContext().traceId,
          requestSpanId: span.spanContext().spanId,
        };
      },
    );
    expect(written.traceparent).toBe(`00-${traceId}-${requestSpanId}-01`);

    const listener = app.get(TicketListener);
    const [seen] = await waitFor(() => listener.seen.length > 0 && listener.seen, {
      what: 'the handler to run',
    });
    expect(seen).toMatchObject({ eventId: written.id, traceId });

    const spans = exporter.getFinishedSpans();
    const publish = spans.find((s) => s.name === `publish ${TicketAssigned.type}`);
    const processing = spans.find((s) => s.name === `process ${TicketAssigned.type}`);
    expect(publish).toMatchObject({
      kind: SpanKind.PRODUCER,
      parentSpanContext: { spanId: requestSpanId },
    });
    expect(publish?.spanContext().traceId).toBe(traceId);
    expect(processing).toMatchObject({
      kind: SpanKind.CONSUMER,
      parentSpanContext: { spanId: publish?.spanContext().spanId },
    });
    expect(processing?.spanContext().spanId).toBe(seen?.spanId);
  });
});
