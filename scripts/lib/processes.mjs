// A child process the launcher owns: output read line by line, the last lines kept for the
// report if it dies, and a stop that escalates from SIGTERM to SIGKILL.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const KEPT_LINES = 20;

export class ManagedProcess {
  /** @type {string[]} */
  #recent = [];
  #exit = null;
  stopRequested = false;

  /**
   * @param {string} name
   * @param {string} command
   * @param {string[]} args
   * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, onLine?: (line: string) => void }} [options]
   */
  constructor(name, command, args, { env = process.env, cwd = process.cwd(), onLine } = {}) {
    this.name = name;
    // Its own process group: a terminal's Ctrl-C reaches only the launcher, which stops the
    // children in order (apps before the NATS server they drain to).
    this.child = spawn(command, args, {
      env,
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    /** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null, error?: Error }>} */
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        this.#exit = { code: null, signal: null, error };
        resolve(this.#exit);
      });
      this.child.once('close', (code, signal) => {
        this.#exit ??= { code, signal };
        resolve(this.#exit);
      });
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        this.#recent.push(line);
        if (this.#recent.length > KEPT_LINES) this.#recent.shift();
        onLine?.(line);
      });
    }
  }

  get hasExited() {
    return this.#exit !== null;
  }

  /** The last lines it wrote, oldest first. */
  lastLines(count = KEPT_LINES) {
    return this.#recent.slice(-count);
  }

  /** Sends `signal` to its whole process group (workers it may have spawned included). */
  signal(signal) {
    if (this.hasExited || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      try {
        this.child.kill(signal);
      } catch {
        // already gone
      }
    }
  }

  /** SIGTERM, then SIGKILL after `graceMs`. Resolves true if it had to be killed. */
  async stop(graceMs) {
    this.stopRequested = true;
    if (this.hasExited) return false;
    this.signal('SIGTERM');
    let timer;
    const timedOut = await Promise.race([
      this.exited.then(() => false),
      new Promise((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      this.signal('SIGKILL');
      await this.exited;
    }
    return timedOut;
  }
}

/** Why a process ended, in words. */
export function describeExit({ code, signal, error }) {
  if (error) return `could not start: ${error.message}`;
  if (signal) return `killed by ${signal}`;
  return `exit code ${code}`;
}
