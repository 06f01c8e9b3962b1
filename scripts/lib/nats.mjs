// Finding, probing and starting a NATS server for `npm start`.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { ManagedProcess } from './processes.mjs';

/**
 * The host and port of every server in a NATS_URL (a comma-separated list, as nats.js takes).
 * @returns {{ host: string, port: number }[]}
 */
export function natsEndpoints(natsUrl) {
  return natsUrl
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(part) ? part : `nats://${part}`);
      return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || 4222) };
    });
}

export const isLoopback = (host) => host === 'localhost' || host === '::1' || /^127\./.test(host);

/**
 * Connects to `endpoint` and reads the server's first line. Resolves the parsed INFO object when a
 * NATS server answers there, null when nothing (or something else) does.
 * @returns {Promise<Record<string, unknown> | null>}
 */
export function probeNats({ host, port }, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let buffer = '';
    const finish = (info) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(info);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('error', () => finish(null));
    socket.on('close', () => finish(null));
    socket.on('data', (chunk) => {
      buffer += chunk;
      const end = buffer.indexOf('\r\n');
      if (end === -1) return;
      const line = buffer.slice(0, end);
      if (!line.startsWith('INFO ')) return finish(null);
      try {
        finish(JSON.parse(line.slice(5)));
      } catch {
        finish(null);
      }
    });
  });
}

/** The first of the endpoints where a NATS server answers, with its INFO, or null. */
export async function findAnsweringNats(endpoints, timeoutMs = 1000) {
  for (const endpoint of endpoints) {
    const info = await probeNats(endpoint, timeoutMs);
    if (info) return { endpoint, info };
  }
  return null;
}

/** Path of an executable on PATH or in the system directories a package manager uses. */
export function findExecutable(
  name,
  extraDirs = ['/usr/sbin', '/usr/local/bin', '/usr/local/sbin', '/usr/bin'],
) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next directory
    }
  }
  return null;
}

/**
 * Starts `nats-server` with JetStream on a loopback endpoint; returns at once, so the caller owns
 * the process (and can stop it) while it comes up. Wait for it with `waitUntilNatsAnswers`.
 */
export function spawnNatsServer({ bin, endpoint, storeDir }) {
  mkdirSync(storeDir, { recursive: true });
  return new ManagedProcess('nats', bin, [
    '-js',
    '-a',
    bindAddress(endpoint),
    '-p',
    String(endpoint.port),
    '-sd',
    storeDir,
  ]);
}

const bindAddress = (endpoint) => (endpoint.host === '::1' ? '::1' : '127.0.0.1');

/** Resolves once `server` answers; rejects with its last output if it exits or stays silent. */
export async function waitUntilNatsAnswers(server, endpoint, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !server.hasExited) {
    if (await probeNats({ host: bindAddress(endpoint), port: endpoint.port }, 500)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  const why = server.hasExited ? 'exited' : `did not answer within ${timeoutMs / 1000} s`;
  throw new Error(`nats-server ${why}:\n${server.lastLines().join('\n')}`);
}
