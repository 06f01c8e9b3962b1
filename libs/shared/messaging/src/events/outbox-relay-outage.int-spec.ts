import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { event } from '@gm/shared-contracts';
import { freePort, openTestDatabase, waitFor, type OpenedTestDatabase } from '@gm/shared-testing';
import { ensureStreams, prefixStreamName, STREAMS } from '../streams.js';
import { MESSAGING_MIGRATION_TABLE, messagingMigrations } from './migrations.js';
import { Outbox } from './outbox.js';
import { OutboxRelay } from './outbox-relay.js';
import type { MessagingTables } from './tables.js';

jest.setTimeout(60_000);

const WidgetMade = event('resources.evt.widget.made.v1', z.object({ widgetId: z.uuid() }));

/** A nats-server of this test's own, so it can be killed and started again on the same port and store. */
class OwnNatsServer {
  #process?: ChildProcess;

  constructor(
    readonly port: number,
    readonly storeDir: string,
  ) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  start(): Promise<void> {
    const child = spawn(
      'nats-server',
      ['-js', '-a', '127.0.0.1', '-p', String(this.port), '-sd', this.storeDir],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    this.#process = child;
    return new Promise((resolve, reject) => {
      let log = '';
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`nats-server exited with ${code}: ${log}`)));
      child.stderr?.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('Server is ready')) resolve();
      });
    });
  }

  /** An abrupt outage: no goodbye to the clients. */
  async kill(): Promise<void> {
    const child = this.#process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

describe('OutboxRelay through a NATS outage', () => {
  const prefix = 'outage';
  const stream = prefixStreamName(prefix, STREAMS.RESOURCES_EVENTS.name);
  const outbox = new Outbox('/guangming/resources');
  let server: OwnNatsServer;
  let opened: OpenedTestDatabase<MessagingTables>;
  let nc: NatsConnection;
  let relay: OutboxRelay;
  const logged = { warn: [] as string[], log: [] as string[] };

  const isPublished = async (id: string) => {
    const row = await opened.database.db
      .selectFrom('outbox')
      .select('published_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.published_at !== null;
  };

  beforeAll(async () => {
    server = new OwnNatsServer(await freePort(), await mkdtemp(join(tmpdir(), 'gm-nats-outage-')));
    await server.start();
    opened = await openTestDatabase<MessagingTables>({
      service: 'outage',
      schema: 'outage',
      migrations: messagingMigrations,
      migrationTable: MESSAGING_MIGRATION_TABLE,
    });
    nc = await connect({
      servers: server.url,
      noAsyncTraces: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
    });
    await ensureStreams(await nc.jetstreamManager(), prefix);
    relay = new OutboxRelay({
      database: opened.database,
      nc,
      prefix,
      publishTimeoutMs: 1000,
      maxBackoffMs: 500,
      logger: {
        log: (message: string) => logged.log.push(message),
        warn: (message: string) => logged.warn.push(message),
        error: (message: string) => logged.warn.push(message),
      },
    });
    await relay.start();
  });

  afterAll(async () => {
    await relay?.stop();
    await nc?.close();
    await server?.kill();
    await opened?.cleanup();
    if (server) await rm(server.storeDir, { recursive: true, force: true });
  });

  it('keeps an event written while NATS is down and delivers it once NATS is back', async () => {
    const before = await outbox.add(
      opened.database.db,
      WidgetMade,
      { widgetId: uuidv7() },
      { subject: 'a' },
    );
    await waitFor(() => isPublished(before.id), { what: 'the event written before the outage' });

    await server.kill();
    const during = await outbox.add(
      opened.database.db,
      WidgetMade,
      { widgetId: uuidv7() },
      { subject: 'b' },
    );
    // Long enough for several failed attempts at the back-off used here.
    await waitFor(() => relay.stats.failedAttempts >= 3, { what: 'the relay to try and fail' });
    expect(await isPublished(during.id)).toBe(false);
    expect(await relay.backlog()).toBe(1);

    await server.start();
    await waitFor(() => isPublished(during.id), {
      timeoutMs: 15_000,
      what: 'the event written during the outage',
    });

    const jsm = await nc.jetstreamManager();
    const ids = [];
    for (const seq of [1, 2])
      ids.push((await jsm.streams.getMessage(stream, { seq })).json<{ id: string }>().id);
    expect(ids).toEqual([before.id, during.id]);
    expect((await jsm.streams.info(stream)).state.messages).toBe(2);
    // One line when the outage began and one when it ended, however many attempts failed between.
    expect(logged.warn).toHaveLength(1);
    expect(logged.log).toHaveLength(1);
    expect(logged.log[0]).toMatch(/again after \d+ failed attempts/);
  });

  it('rolls a batch back when JetStream refuses it, and publishes it once the stream is there', async () => {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(stream);
    const failuresBefore = relay.stats.failedAttempts;
    const refused = await outbox.add(
      opened.database.db,
      WidgetMade,
      { widgetId: uuidv7() },
      { subject: 'c' },
    );
    await waitFor(() => relay.stats.failedAttempts >= failuresBefore + 2, {
      what: 'publishes to be refused',
    });
    expect(await isPublished(refused.id)).toBe(false);

    await ensureStreams(jsm, prefix);
    await waitFor(() => isPublished(refused.id), { timeoutMs: 10_000, what: 'the refused event' });
    const stored = await jsm.streams.getMessage(stream, {
      last_by_subj: `${prefix}.${WidgetMade.type}`,
    });
    expect(stored.json<{ id: string }>().id).toBe(refused.id);
  });
});
