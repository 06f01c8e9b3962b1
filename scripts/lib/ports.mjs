// Whether a TCP port is free, so `npm start` can name a clash before a process fails on it.
import { createServer } from 'node:net';

/** True when nothing listens on `port` (checked on all interfaces, as the apps bind). */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
