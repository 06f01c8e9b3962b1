// Stands in for an OpenTelemetry collector, so the platform exports its spans as in production:
// accepts OTLP/HTTP posts and throws them away.
import { createServer } from 'node:http';

let requests = 0;
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    requests++;
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('otlp-sink ready'));
process.once('SIGTERM', () => {
  console.log(`otlp-sink received ${requests} exports`);
  server.close(() => process.exit(0));
});
