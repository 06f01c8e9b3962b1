import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { connect, type NatsConnection, StringCodec } from 'nats';
import { testNatsUrl, uniquePrefix } from './index.js';

jest.setTimeout(30_000);

describe('uniquePrefix on a real NATS server', () => {
  let nc: NatsConnection;
  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl(), noAsyncTraces: true });
  });
  afterAll(() => nc?.close());

  it.each([undefined, 'Booking Flow!', '__x__'])(
    'names a stream and its subjects (label %p)',
    async (label) => {
      const prefix = uniquePrefix(label);
      const jsm = await nc.jetstreamManager();
      const stream = `${prefix}_EVENTS`;
      await jsm.streams.add({ name: stream, subjects: [`${prefix}.resources.evt.>`] });
      try {
        const ack = await nc
          .jetstream()
          .publish(`${prefix}.resources.evt.booking.created.v1`, StringCodec().encode('{}'));
        expect(ack.stream).toBe(stream);
        await jsm.consumers.add(stream, { durable_name: `${prefix}_reader` });
      } finally {
        await jsm.streams.delete(stream);
      }
    },
  );
});
