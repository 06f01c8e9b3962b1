// Drives scripts/start.mjs (`npm start`) as a black box: a copy of the launcher in a scratch
// workspace whose "apps" are small stand-ins, so its process handling is tested apart from the
// real services (those are covered by the other end-to-end tests).
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from '@gm/shared-testing';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const APPS = ['resources', 'triage', 'housing', 'gateway'] as const;

// A stand-in app: records its environment, answers /readyz, stops on SIGTERM; FAKE_CRASH and
// FAKE_STUBBORN make one of them die at start or ignore SIGTERM.
const fakeApp = `
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
const name = process.env.OTEL_SERVICE_NAME;
writeFileSync(new URL('./seen.json', import.meta.url), JSON.stringify({ pid: process.pid, env: process.env }));
const port = Number(name === 'gateway' ? process.env.PORT : process.env.HTTP_PORT);
const server = createServer((req, res) => {
  res.statusCode = req.url === '/readyz' ? 200 : 404;
  res.end();
});
if (process.env.FAKE_CRASH === name) {
  // Late enough that the others have started and have to be stopped.
  setTimeout(() => {
    console.error('boom: ' + name + ' cannot start');
    process.exit(3);
  }, 500);
} else {
  server.listen(port, () => console.log(JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, msg: 'listening', port })));
}
process.on('SIGTERM', () => {
  if (process.env.FAKE_STUBBORN !== name) server.close(() => process.exit(0));
});
`;

const natsServer =
  ['/usr/sbin/nats-server', '/usr/local/bin/nats-server', '/usr/bin/nats-server'].find(
    existsSync,
  ) ??
  (spawnSync('sh', ['-c', 'command -v nats-server']).stdout.toString().trim() || undefined);

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

let workspace: string;

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const seen = (app: string): { pid: number; env: Record<string, string> } =>
  JSON.parse(readFileSync(join(workspace, 'apps', app, 'dist', 'seen.json'), 'utf8'));

async function ports() {
  const [gateway, resources, triage, housing, nats] = await Promise.all(
    [1, 2, 3, 4, 5].map(() => freePort()),
  );
  return { gateway, resources, triage, housing, nats };
}

function launch(env: Record<string, string>, dataDir: string): Run {
  for (const app of APPS)
    rmSync(join(workspace, 'apps', app, 'dist', 'seen.json'), { force: true });
  const child = spawn(process.execPath, [join(workspace, 'scripts/start.mjs'), '--no-build'], {
    cwd: workspace,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => resolve(code)),
  );
  return { child, output: () => output, exited };
}

async function until(run: Run, text: string) {
  await waitFor(
    () => {
      if (run.child.exitCode !== null)
        throw new Error(`the launcher exited; it printed:\n${run.output()}`);
      return run.output().includes(text);
    },
    { timeoutMs: 30_000, intervalMs: 100, what: `"${text}" from the launcher` },
  );
}

function portEnv(p: Awaited<ReturnType<typeof ports>>) {
  return {
    PORT: String(p.gateway),
    RESOURCES_HTTP_PORT: String(p.resources),
    TRIAGE_HTTP_PORT: String(p.triage),
    HOUSING_HTTP_PORT: String(p.housing),
    NATS_URL: `nats://127.0.0.1:${p.nats}`,
  };
}

const describeWithNats = natsServer ? describe : describe.skip;

describeWithNats('npm start (scripts/start.mjs)', () => {
  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'gm-launcher-'));
    cpSync(join(root, 'scripts'), join(workspace, 'scripts'), { recursive: true });
    writeFileSync(join(workspace, 'package.json'), '{ "type": "module" }\n');
    for (const app of APPS) {
      mkdirSync(join(workspace, 'apps', app, 'dist'), { recursive: true });
      writeFileSync(join(workspace, 'apps', app, 'dist', 'main.js'), fakeApp);
    }
    mkdirSync(join(workspace, 'libs/shared/telemetry'), { recursive: true });
    writeFileSync(join(workspace, 'libs/shared/telemetry/otel-hook.mjs'), 'export {};\n');
  });

  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('starts NATS and every app, prints the portal address, and stops everything on SIGTERM', async () => {
    const p = await ports();
    const dataDir = join(workspace, 'data-ok');
    const run = launch(portEnv(p), dataDir);
    await until(run, 'Press Ctrl-C to stop.');

    expect(run.output()).toContain(`Guangming portal: http://localhost:${p.gateway}/`);
    expect(run.output()).toContain(`API docs:         http://localhost:${p.gateway}/api/docs`);
    // pino JSON becomes a compact line behind the coloured (here plain) name.
    expect(run.output()).toMatch(
      new RegExp(`\\[resources\\] +\\d\\d:\\d\\d:\\d\\d INFO +listening port=${p.resources}`),
    );
    expect(await answers(p.nats)).toBe(true);
    expect(existsSync(join(dataDir, 'nats', 'jetstream'))).toBe(true);

    const secretFile = join(dataDir, 'demo-secret');
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const secret = readFileSync(secretFile, 'utf8').trim();
    expect(secret.length).toBeGreaterThanOrEqual(64);
    for (const app of APPS) {
      const { env } = seen(app);
      expect(env).toMatchObject({
        OTEL_SERVICE_NAME: app,
        SEED_DEMO_DATA: 'true',
        AUTH_DEMO_SECRET: secret,
        DATA_DIR: dataDir,
        NATS_URL: `nats://127.0.0.1:${p.nats}`,
      });
    }
    expect(seen('triage').env.HTTP_PORT).toBe(String(p.triage));
    const pids = APPS.map((app) => seen(app).pid);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
    expect(await answers(p.nats)).toBe(false);
  });

  it('keeps the demo secret across starts and leaves a NATS server it did not start running', async () => {
    const p = await ports();
    const dataDir = join(workspace, 'data-ok');
    const before = readFileSync(join(dataDir, 'demo-secret'), 'utf8');
    const nats = spawn(
      natsServer as string,
      ['-js', '-a', '127.0.0.1', '-p', String(p.nats), '-sd', join(workspace, 'own-nats')],
      {
        stdio: 'ignore',
      },
    );
    try {
      await waitFor(() => answers(p.nats), { what: 'the test nats-server' });
      const run = launch({ ...portEnv(p), SEED_DEMO_DATA: 'false' }, dataDir);
      await until(run, 'Press Ctrl-C to stop.');
      expect(run.output()).toContain(`using the NATS server at 127.0.0.1:${p.nats}`);
      expect(seen('housing').env.SEED_DEMO_DATA).toBe('false');
      expect(readFileSync(join(dataDir, 'demo-secret'), 'utf8')).toBe(before);

      run.child.kill('SIGINT');
      expect(await run.exited).toBe(0);
      expect(await answers(p.nats)).toBe(true);
    } finally {
      nats.kill('SIGTERM');
    }
  });

  it('stops the others and exits 1, naming the app and why, when one dies', async () => {
    const p = await ports();
    const run = launch({ ...portEnv(p), FAKE_CRASH: 'triage' }, join(workspace, 'data-crash'));
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('triage exited unexpectedly (exit code 3)');
    expect(run.output()).toContain('boom: triage cannot start');
    expect(run.output()).not.toContain('Guangming portal');
    expect(['resources', 'housing', 'gateway'].map((app) => seen(app).pid).filter(alive)).toEqual(
      [],
    );
    expect(await answers(p.nats)).toBe(false);
  });

  it('kills an app that ignores SIGTERM after 10 s', async () => {
    const p = await ports();
    const run = launch(
      { ...portEnv(p), FAKE_STUBBORN: 'housing' },
      join(workspace, 'data-stubborn'),
    );
    await until(run, 'Press Ctrl-C to stop.');
    const started = Date.now();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_500);
    expect(run.output()).toContain('killed housing after 10 s');
    expect(alive(seen('housing').pid)).toBe(false);
  }, 60_000);

  it('refuses to start on a port in use, naming the app and the variable to change', async () => {
    const p = await ports();
    const blocker = createServer().listen(p.housing);
    try {
      const run = launch(portEnv(p), join(workspace, 'data-port'));
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`port ${p.housing} (housing) is in use`);
      expect(run.output()).toContain('HOUSING_HTTP_PORT');
      expect(await answers(p.nats)).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it('explains in one line how to get NATS when none answers and none can be started', async () => {
    const p = await ports();
    // A documentation address (RFC 5737): nothing answers, and it is not ours to start.
    const run = launch(
      { ...portEnv(p), NATS_URL: 'nats://192.0.2.1:4222' },
      join(workspace, 'data-nonats'),
    );
    expect(await run.exited).toBe(1);
    const lines = run.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('no NATS server answers at nats://192.0.2.1:4222');
    expect(lines[0]).toContain('apt-get install nats-server');
    expect(lines[0]).toContain('docker run');
    expect(lines[0]).toContain('NATS_URL');
  });
});
