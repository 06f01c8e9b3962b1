import { describe, expect, it } from '@jest/globals';
import { escapeText, foldLine, serializeCalendar } from './icalendar.js';

const octets = (line: string) => Buffer.byteLength(line, 'utf8');

describe('serializeCalendar', () => {
  const feed = serializeCalendar({
    name: 'GM-R-001 300 kV 冷冻透射电子显微镜',
    generatedAt: new Date('2030-05-01T00:00:00Z'),
    events: [
      {
        uid: 'a@resources.guangming',
        start: new Date('2030-05-07T01:00:00Z'),
        end: new Date('2030-05-07T03:30:00Z'),
        summary: 'Busy',
      },
      {
        uid: 'b@resources.guangming',
        start: new Date('2030-05-08T01:00:00Z'),
        end: new Date('2030-05-08T02:00:00Z'),
        summary: 'Maintenance',
      },
    ],
  });

  it('writes a VCALENDAR with one VEVENT per block in UTC, CRLF-terminated', () => {
    expect(feed.endsWith('\r\n')).toBe(true);
    expect(feed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = feed.split('\r\n');
    expect(lines.slice(0, 4)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Guangming Science City//Shared resources//EN',
      'CALSCALE:GREGORIAN',
    ]);
    expect(lines).toContain('X-WR-TIMEZONE:Asia/Shanghai');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toEqual(
      expect.arrayContaining([
        'UID:a@resources.guangming',
        'DTSTAMP:20300501T000000Z',
        'DTSTART:20300507T010000Z',
        'DTEND:20300507T033000Z',
        'SUMMARY:Busy',
        'SUMMARY:Maintenance',
      ]),
    );
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('folds every line at 75 octets, Chinese text included', () => {
    for (const line of feed.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
  });
});

describe('foldLine', () => {
  it('leaves a short line alone', () => {
    expect(foldLine('SUMMARY:Busy')).toBe('SUMMARY:Busy');
  });

  it('folds long ASCII at exactly 75 octets, continuation lines starting with a space', () => {
    const line = `DESCRIPTION:${'x'.repeat(200)}`;
    const physical = foldLine(line).split('\r\n');
    expect(octets(physical[0]!)).toBe(75);
    expect(physical.slice(1).every((l) => l.startsWith(' ') && octets(l) <= 75)).toBe(true);
    expect(physical.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
  });

  it('never splits a multi-byte character', () => {
    // 3 octets each: 9 + 3n never lands on 75 exactly, so a naive byte cut would split one.
    const line = `SUMMARY:${'冷冻电镜'.repeat(20)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(3);
    for (const part of physical) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
      expect(part).not.toContain('\uFFFD');
    }
    expect(physical.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
    // Filled as far as whole characters allow: 8 + 22 × 3 = 74 octets on the first line.
    expect(octets(physical[0]!)).toBe(74);
  });
});

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });
});
