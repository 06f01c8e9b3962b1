import type pg from 'pg';
import { quoteIdentifier } from './identifiers.js';

type Handler = (payload: string) => void;

interface Channel {
  handlers: Set<Handler>;
  /** Settles when LISTEN has run for this channel. */
  ready: Promise<void>;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

/**
 * All LISTENs of one Database on one dedicated connection (a pooled one would be handed to other
 * queries). When that connection drops, it reconnects with backoff and listens again on every channel.
 */
export class PgListener {
  readonly #channels = new Map<string, Channel>();
  #client: pg.Client | undefined;
  #connecting: Promise<pg.Client> | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #retryMs = FIRST_RETRY_MS;
  #closed = false;

  constructor(
    private readonly newClient: () => pg.Client,
    private readonly onError: (error: Error) => void,
  ) {}

  async listen(channel: string, handler: Handler): Promise<() => Promise<void>> {
    if (this.#closed) throw new Error('database is closed');
    let entry = this.#channels.get(channel);
    if (!entry) {
      const created: Channel = { handlers: new Set([handler]), ready: Promise.resolve() };
      created.ready = this.#listenOn(channel).catch((error: unknown) => {
        if (this.#channels.get(channel) === created) this.#channels.delete(channel);
        throw error;
      });
      this.#channels.set(channel, created);
      entry = created;
    } else {
      entry.handlers.add(handler);
    }
    try {
      await entry.ready;
    } catch (error) {
      entry.handlers.delete(handler);
      throw error;
    }
    const listening = entry;
    return () => this.#unlisten(channel, listening, handler);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#channels.clear();
    const client = this.#client ?? (await this.#connecting?.catch(() => undefined));
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  async #listenOn(channel: string): Promise<void> {
    const client = await this.#connected();
    await client.query(`LISTEN ${quoteIdentifier(channel)}`);
  }

  async #unlisten(channel: string, entry: Channel, handler: Handler): Promise<void> {
    entry.handlers.delete(handler);
    if (entry.handlers.size > 0 || this.#channels.get(channel) !== entry) return;
    this.#channels.delete(channel);
    // A lost connection has forgotten the LISTEN already; reconnecting will not repeat it.
    await this.#client?.query(`UNLISTEN ${quoteIdentifier(channel)}`).catch(() => undefined);
  }

  #connected(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= this.#connect().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  async #connect(): Promise<pg.Client> {
    const client = this.newClient();
    client.on('notification', (message) => this.#dispatch(message));
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('LISTEN connection ended')));
    try {
      await client.connect();
    } catch (error) {
      client.removeAllListeners();
      throw error;
    }
    if (this.#closed) {
      await client.end();
      throw new Error('database is closed');
    }
    this.#client = client;
    return client;
  }

  #dispatch(message: pg.Notification): void {
    for (const handler of this.#channels.get(message.channel)?.handlers ?? []) {
      try {
        handler(message.payload ?? '');
      } catch (error) {
        this.onError(toError(error));
      }
    }
  }

  #lost(client: pg.Client, error: Error): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    client.removeAllListeners();
    client.on('error', () => undefined); // the dead client may still report; nothing to do with it
    client.end().catch(() => undefined);
    if (this.#closed) return;
    this.onError(
      new Error(`LISTEN connection lost, reconnecting: ${error.message}`, { cause: error }),
    );
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#retryTimer || this.#channels.size === 0) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.#reconnect();
    }, this.#retryMs);
    this.#retryTimer.unref();
    this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
  }

  async #reconnect(): Promise<void> {
    try {
      const client = await this.#connected();
      for (const channel of this.#channels.keys()) {
        await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      }
      this.#retryMs = FIRST_RETRY_MS;
    } catch (error) {
      if (this.#closed) return;
      const client = this.#client;
      // A client that connected but failed to LISTEN is dropped, so the next try starts clean.
      if (client) {
        this.#lost(client, toError(error));
      } else {
        this.onError(toError(error));
        this.#scheduleReconnect();
      }
    }
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
