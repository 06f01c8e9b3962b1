import { describe, expect, it } from '@jest/globals';
import { escapeXml, toXmlDocument } from './xml.js';

describe('the Open311 XML writer', () => {
  it('escapes markup and drops characters XML 1.0 cannot carry', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;',
    );
    expect(escapeXml('bell\u0007 tab\t nl\n nul\u0000 \uD800 😀')).toBe('bell tab\t nl\n nul  😀');
    expect(escapeXml('人才住房 &amp;')).toBe('人才住房 &amp;amp;');
  });

  it('writes lists with their item names, objects as children and null as an empty element', () => {
    const xml = toXmlDocument(
      'services',
      [{ service_code: 'a&b', metadata: true, group: null, values: [{ key: 1 }] }],
      { services: 'service', values: 'value' },
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n' +
        '<services><service><service_code>a&amp;b</service_code><metadata>true</metadata>' +
        '<group/><values><value><key>1</key></value></values></service></services>\n',
    );
  });

  it('refuses a list without an item name and a name that is not XML', () => {
    expect(() => toXmlDocument('things', [1])).toThrow(/items of things/);
    expect(() => toXmlDocument('root', { 'bad name': 1 })).toThrow(/not an XML name/);
  });
});
