// A reader for the NATS server configuration format (maps, arrays, quoted and bare strings,
// numbers, booleans, $VARIABLES, # and // comments), enough to check the generated accounts.
// Variables stay as their `$NAME` text: the server resolves them from its environment.

export type NatsConfValue =
  string | number | boolean | NatsConfValue[] | { [key: string]: NatsConfValue };
export type NatsConfMap = { [key: string]: NatsConfValue };

export function parseNatsConf(text: string): NatsConfMap {
  const reader = new Reader(text);
  const map = reader.mapBody(undefined);
  reader.skipSpace();
  if (!reader.done()) reader.fail('unexpected text');
  return map;
}

const KEY = /[A-Za-z0-9_.$-]/;
const BARE_VALUE = /[A-Za-z0-9_.$>*\-/:]/;

class Reader {
  #pos = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.#pos >= this.text.length;
  }

  fail(message: string): never {
    const line = this.text.slice(0, this.#pos).split('\n').length;
    throw new Error(`NATS config line ${line}: ${message}`);
  }

  /** Skips blanks, separators between entries, and comments. */
  skipSpace(separators = ''): void {
    while (!this.done()) {
      const c = this.text[this.#pos];
      if (/\s/.test(c) || separators.includes(c)) this.#pos++;
      else if (c === '#' || this.text.startsWith('//', this.#pos)) {
        while (!this.done() && this.text[this.#pos] !== '\n') this.#pos++;
      } else return;
    }
  }

  /** Entries up to the closing character (or the end of the text for the top level). */
  mapBody(close: string | undefined): NatsConfMap {
    const map: NatsConfMap = {};
    for (;;) {
      this.skipSpace(',;');
      if (this.done()) {
        if (close) this.fail(`missing ${close}`);
        return map;
      }
      if (this.text[this.#pos] === close) {
        this.#pos++;
        return map;
      }
      const key = this.text[this.#pos] === '"' ? this.quoted() : this.bare(KEY);
      this.skipInline();
      if (this.text[this.#pos] === ':' || this.text[this.#pos] === '=') this.#pos++;
      this.skipInline();
      map[key] = this.value();
    }
  }

  skipInline(): void {
    while (!this.done() && /[ \t]/.test(this.text[this.#pos])) this.#pos++;
  }

  value(): NatsConfValue {
    const c = this.text[this.#pos];
    if (c === '{') {
      this.#pos++;
      return this.mapBody('}');
    }
    if (c === '[') {
      this.#pos++;
      const list: NatsConfValue[] = [];
      for (;;) {
        this.skipSpace(',');
        if (this.done()) this.fail('missing ]');
        if (this.text[this.#pos] === ']') {
          this.#pos++;
          return list;
        }
        list.push(this.value());
      }
    }
    if (c === '"' || c === "'") return this.quoted();
    const word = this.bare(BARE_VALUE);
    if (word === 'true') return true;
    if (word === 'false') return false;
    return /^-?\d+(\.\d+)?$/.test(word) ? Number(word) : word;
  }

  quoted(): string {
    const quote = this.text[this.#pos++];
    let out = '';
    while (!this.done() && this.text[this.#pos] !== quote) {
      if (this.text[this.#pos] === '\\') this.#pos++;
      out += this.text[this.#pos++];
    }
    if (this.done()) this.fail('unterminated string');
    this.#pos++;
    return out;
  }

  bare(chars: RegExp): string {
    const start = this.#pos;
    while (!this.done() && chars.test(this.text[this.#pos])) this.#pos++;
    if (start === this.#pos) this.fail(`unexpected "${this.text[this.#pos]}"`);
    return this.text.slice(start, this.#pos);
  }
}
