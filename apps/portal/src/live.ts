import { h } from './dom.js';

/** One event as `/api/events/stream` sends it (a CloudEvents envelope). */
interface LiveEvent {
  id: string;
  type: string;
  time: string;
  subject: string;
  data: Record<string, unknown>;
}

const MAX_ITEMS = 20;

/** `resources.evt.maintenance.scheduled.v1` → `resources · maintenance scheduled`. */
export function eventLabel(type: string): string {
  const [service, , ...rest] = type.split('.');
  const words = rest.filter((part) => !/^v\d+$/.test(part)).join(' ');
  return `${service ?? ''} · ${words}`;
}

function describe(event: LiveEvent): string {
  const data = event.data;
  const what = [data['resourceCode'], data['resourceName'], data['number'], data['title']]
    .filter((value): value is string => typeof value === 'string')
    .join(' ');
  return what || event.subject;
}

/**
 * Follows the gateway's live event stream; the browser's EventSource reconnects by itself and
 * sends `Last-Event-ID`, so the list resumes without gaps after a network blip.
 */
export function followLiveEvents(list: HTMLElement, status: HTMLElement): void {
  if (typeof EventSource === 'undefined') return;
  const source = new EventSource('/api/events/stream');
  source.addEventListener('ready', () => {
    status.textContent = '已连接 Live';
    status.dataset['state'] = 'open';
  });
  source.addEventListener('error', () => {
    status.textContent = '重新连接中… Reconnecting';
    status.dataset['state'] = 'reconnecting';
  });
  source.addEventListener('message', (message: MessageEvent<string>) => {
    const event = JSON.parse(message.data) as LiveEvent;
    const time = new Date(event.time);
    const item = h(
      'li',
      { class: 'live-event', 'data-type': event.type },
      h('time', { datetime: event.time }, time.toLocaleTimeString('zh-CN', { hour12: false })),
      h('span', { class: 'live-type' }, eventLabel(event.type)),
      h('span', { class: 'live-what' }, describe(event)),
    );
    list.prepend(item);
    while (list.children.length > MAX_ITEMS) list.lastElementChild?.remove();
    list.closest('section')?.classList.add('has-events');
  });
}
