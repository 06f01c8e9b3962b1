// Baseline: bare Fastify answering a fixed JSON document of the size of a catalogue entry.
import Fastify from 'fastify';

const body = {
  id: '0190c3a2-7b1e-7c3d-8f00-000000000001',
  code: 'GM-R-001',
  name: '共享仪器 1',
  nameEn: 'Shared instrument 1',
  category: 'instrument',
  unit: { id: '0190c3a2-7b1e-7c3d-8f00-000000000002', code: 'U01', name: '单位', nameEn: 'Unit' },
  location: '光明科学城 B2 栋',
  description: 'A shared research instrument, number 1, of the alliance.',
  policy: {
    requiresApproval: false,
    minMinutes: 30,
    maxMinutes: 480,
    bufferMinutes: 15,
    leadTimeHours: 24,
    maxAdvanceDays: 60,
  },
  status: 'active',
};
const app = Fastify({ logger: false });
app.get('/resource', async () => body);
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('fastify-bare ready');
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
