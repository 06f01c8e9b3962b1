// The processes `npm start` runs, in start order, with their ports and how they are launched.
import { join } from 'node:path';

/**
 * @typedef {{ name: string, color: 'cyan' | 'magenta' | 'yellow' | 'green', portVar: 'PORT' | 'HTTP_PORT', port: number, overrideVar: string }} Service
 */

const definitions = [
  {
    name: 'resources',
    color: 'cyan',
    portVar: 'HTTP_PORT',
    defaultPort: 3001,
    overrideVar: 'RESOURCES_HTTP_PORT',
  },
  {
    name: 'triage',
    color: 'magenta',
    portVar: 'HTTP_PORT',
    defaultPort: 3002,
    overrideVar: 'TRIAGE_HTTP_PORT',
  },
  {
    name: 'housing',
    color: 'yellow',
    portVar: 'HTTP_PORT',
    defaultPort: 3003,
    overrideVar: 'HOUSING_HTTP_PORT',
  },
  // The gateway reads PORT itself, so PORT is both its variable and the launcher's override.
  { name: 'gateway', color: 'green', portVar: 'PORT', defaultPort: 3000, overrideVar: 'PORT' },
];

/**
 * The services with their ports: each service's health port is set apart (one HTTP_PORT
 * variable cannot serve three processes), by `<NAME>_HTTP_PORT` if given.
 * @param {NodeJS.ProcessEnv} env
 * @returns {Service[]}
 */
export function services(env) {
  return definitions.map(({ defaultPort, ...service }) => {
    const value = env[service.overrideVar];
    const port = value === undefined || value === '' ? defaultPort : Number(value);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`${service.overrideVar} must be a port number (1-65535), not "${value}"`);
    }
    return { ...service, port };
  });
}

export const mainFile = (root, name) => join(root, 'apps', name, 'dist', 'main.js');
export const otelHook = (root) => join(root, 'libs', 'shared', 'telemetry', 'otel-hook.mjs');

/**
 * Node's arguments for a service: source maps on, OpenTelemetry hooked in before the app loads.
 * For the embedded PGlite (docs/performance.md, start-up RSS): `--liftoff-only` keeps V8 from
 * compiling PostgreSQL's WebAssembly a second time with its optimising compiler (≈ 50 MB less
 * resident per process, a faster start on two cores, somewhat slower SQL), and `--expose-gc`
 * lets the database module collect PGlite's initdb instance once it is done (see shared-db).
 */
export const nodeArgs = (name) => [
  '--enable-source-maps',
  '--liftoff-only',
  '--expose-gc',
  '--import',
  './libs/shared/telemetry/otel-hook.mjs',
  `apps/${name}/dist/main.js`,
];

export const readyUrl = (service) => `http://127.0.0.1:${service.port}/readyz`;
