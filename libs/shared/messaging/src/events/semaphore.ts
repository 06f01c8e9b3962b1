/** At most `size` holders at once; `acquire` waits its turn, `idle` waits for every holder to leave. */
export class Semaphore {
  #held = 0;
  readonly #waiting: (() => void)[] = [];
  readonly #idleWaiters: (() => void)[] = [];

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`semaphore size must be a positive integer, got ${size}`);
  }

  acquire(): Promise<void> {
    if (this.#held < this.size) {
      this.#held++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    // The slot passes straight to the next waiter, so the count stays.
    if (next) return next();
    this.#held--;
    if (this.#held === 0) this.#idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  idle(): Promise<void> {
    return this.#held === 0
      ? Promise.resolve()
      : new Promise((resolve) => this.#idleWaiters.push(resolve));
  }
}
