/**
 * A minimal, strict XML reader for the tests: elements, text, the five predefined entities and
 * character references, an optional declaration; no attributes or mixed content (Open311 has
 * none). It throws on anything not well-formed, so a parse is itself a check.
 */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = '[A-Za-z_][A-Za-z0-9._-]*';

function decode(text: string): string {
  if (/[<>]/.test(text)) throw new Error(`markup in text: ${text}`);
  return text.replace(/&([^;]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new Error(`unterminated reference: ${whole}`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const code = /^#x([0-9a-f]+)$/i.exec(ref)?.[1] ?? /^#(\d+)$/.exec(ref)?.[1];
    if (code === undefined) throw new Error(`unknown entity &${ref};`);
    return String.fromCodePoint(parseInt(code, ref.startsWith('#x') ? 16 : 10));
  });
}

export function parseXml(source: string): XmlElement {
  let rest = source.replace(/^\uFEFF?<\?xml[^?]*\?>\s*/, '');
  const token = new RegExp(`^(?:<(${NAME})\\s*(/?)>|</(${NAME})\\s*>|([^<]+))`);
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  while (rest.length > 0) {
    const match = token.exec(rest);
    if (!match) throw new Error(`not well-formed at: ${rest.slice(0, 40)}`);
    rest = rest.slice(match[0].length);
    const top = stack[stack.length - 1]!;
    if (match[1]) {
      const element: XmlElement = { name: match[1], children: [], text: '' };
      top.children.push(element);
      if (!match[2]) stack.push(element);
    } else if (match[3]) {
      if (top.name !== match[3]) throw new Error(`</${match[3]}> closes <${top.name}>`);
      stack.pop();
    } else {
      const text = decode(match[4]!);
      if (top === root) {
        if (text.trim() !== '') throw new Error('text outside the root element');
      } else top.text += text;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error('a document has exactly one root element');
  return root.children[0]!;
}

/**
 * The JSON an XML element stands for: elements named in `lists` are arrays of their children,
 * other elements with children are objects, leaves are their text.
 */
export function xmlToJson(element: XmlElement, lists: ReadonlySet<string>): unknown {
  if (lists.has(element.name)) return element.children.map((c) => xmlToJson(c, lists));
  if (element.children.length === 0) return element.text;
  if (element.text.trim() !== '') throw new Error(`mixed content in <${element.name}>`);
  return Object.fromEntries(element.children.map((c) => [c.name, xmlToJson(c, lists)]));
}

/** JSON as XML can carry it: every scalar a string, null an empty string. */
export function asXmlText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asXmlText);
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asXmlText(v)]));
  }
  return String(value);
}
