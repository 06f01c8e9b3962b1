// Baseline: bare Fastify → raw NATS request → the raw responder (→ pg). A read by id, and a write
// of a business row with its outbox row.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { connect, JSONCodec } from 'nats';

const { NATS_URL, BENCH_PREFIX, PORT } = process.env;
const nc = await connect({ servers: NATS_URL, noAsyncTraces: true, name: 'bench-fastify-nats' });
const json = JSONCodec();
const app = Fastify({ logger: false });

const call = async (reply, name, payload) => {
  const answer = json.decode(
    (await nc.request(`${BENCH_PREFIX}.${name}`, json.encode(payload), { timeout: 5000 })).data,
  );
  if (answer.error)
    return reply.code(answer.error === 'not-found' ? 404 : 500).send({ title: answer.error });
  return answer.ok;
};

app.get('/resources/:id', (request, reply) => call(reply, 'read', { id: request.params.id }));
app.get('/resources/:id/availability', (request, reply) => {
  const from = new Date(request.query.from).toISOString();
  const to = new Date(request.query.to).toISOString();
  return call(reply, 'busy', { resourceId: request.params.id, from, to });
});
app.post('/records', (request, reply) => {
  const { resourceId, start, end, purpose } = request.body;
  reply.code(201);
  return call(reply, 'write', {
    id: randomUUID(),
    eventId: randomUUID(),
    resourceId,
    start,
    end,
    purpose,
  });
});
await app.listen({ port: Number(PORT), host: '127.0.0.1' });
console.log('fastify-nats ready');
process.once('SIGTERM', async () => {
  await app.close();
  await nc.drain();
  process.exit(0);
});
