/**
 * A small XML writer for Open311: elements and text only (no attributes, no namespaces), which is
 * all GeoReport v2 uses. Names come from our code; every text is escaped.
 */

// Characters XML 1.0 forbids even escaped: C0 controls but tab, LF and CR; U+FFFE/U+FFFF; lone surrogates.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe inside an element or a quoted attribute; characters XML cannot carry are dropped. */
export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

/** How to name the elements of a list, by the list's own element name (`services` → `service`). */
export type ItemNames = Readonly<Record<string, string>>;

function element(name: string, value: unknown, items: ItemNames): string {
  if (!NAME.test(name)) throw new Error(`not an XML name: ${name}`);
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = items[name];
    if (!item) throw new Error(`no element name for the items of ${name}`);
    return `<${name}>${value.map((v) => element(item, v, items)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([key, v]) => element(key, v, items))
      .join('');
    return `<${name}>${children}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/**
 * An XML document whose root element is `root`: an object's fields become child elements, a
 * list's entries elements named by `items[listName]`, null an empty element.
 */
export function toXmlDocument(root: string, value: unknown, items: ItemNames = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, items)}\n`;
}
