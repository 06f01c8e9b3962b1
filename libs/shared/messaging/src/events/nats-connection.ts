import { Events, type NatsConnection } from 'nats';

/**
 * Whether a NATS connection is up right now. nats.js reconnects by itself; this follows its
 * status events so callers can skip work that would only time out while it is away.
 */
export class NatsConnectionState {
  #connected: boolean;
  readonly #reconnectListeners = new Set<() => void>();

  constructor(private readonly nc: NatsConnection) {
    this.#connected = !nc.isClosed();
    void this.follow();
  }

  get connected(): boolean {
    return this.#connected && !this.nc.isClosed();
  }

  /** Calls `listener` each time the connection comes back; returns a function that stops it. */
  onReconnect(listener: () => void): () => void {
    this.#reconnectListeners.add(listener);
    return () => this.#reconnectListeners.delete(listener);
  }

  private async follow(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === Events.Disconnect) this.#connected = false;
      if (status.type === Events.Reconnect) {
        this.#connected = true;
        this.#reconnectListeners.forEach((listener) => listener());
      }
    }
    this.#connected = false;
  }
}
