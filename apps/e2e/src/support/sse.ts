/** One server-sent event as a client sees it. */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** A connection to an SSE endpoint that collects events and comments until closed. */
export interface SseClient {
  status: number;
  headers: Headers;
  events: SseEvent[];
  comments: string[];
  /** Resolves when the server ends the stream (or the client closes it). */
  ended: Promise<void>;
  /** The last `id` received, as `EventSource` would send it back in `Last-Event-ID`. */
  lastEventId(): string | undefined;
  close(): void;
}

export interface SseOptions {
  token?: string;
  lastEventId?: string;
}

/** Opens `url` as an event stream and parses it as the WHATWG spec says (fields, blank lines). */
export async function openSse(url: string, options: SseOptions = {}): Promise<SseClient> {
  const abort = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
  const response = await fetch(url, { headers, signal: abort.signal });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let lastId: string | undefined;
  const read = async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    let current: { id?: string; event?: string; data: string[] } = { data: [] };
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).replace(/\r$/, '');
          buffer = buffer.slice(newline + 1);
          if (line === '') {
            if (current.id !== undefined) lastId = current.id;
            if (current.data.length) {
              events.push({
                ...(current.id !== undefined ? { id: current.id } : {}),
                event: current.event ?? 'message',
                data: current.data.join('\n'),
              });
            }
            current = { data: [] };
          } else if (line.startsWith(':')) {
            comments.push(line.slice(1).trim());
          } else {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'data') current.data.push(value);
            else if (field === 'id') current.id = value;
            else if (field === 'event') current.event = value;
          }
        }
      }
    } catch {
      // Aborted by close(): the events so far stay.
    }
  };
  return {
    status: response.status,
    headers: response.headers,
    events,
    comments,
    ended: read(),
    lastEventId: () => lastId,
    close: () => abort.abort(),
  };
}
