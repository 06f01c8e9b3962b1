import { describe, expect, it } from '@jest/globals';
import { rfc3797Draw, rfc3797Key, rfc3797Order } from './rfc3797.js';

// RFC 3797 §6, "Fully Worked Example": 25 volunteers, ten selected.
const SOURCES = [9319, [2, 5, 12, 8, 10], [9, 18, 26, 34, 41, 45]];
const VOLUNTEERS = [
  'John',
  'Mary',
  'Bashful',
  'Dopey',
  'Sleepy',
  'Grouchy',
  'Doc',
  'Sneazy',
  'Handsome',
  'Cassandra',
  'Pollyanna',
  'Pendragon',
  'Pandora',
  'Faith',
  'Hope',
  'Charity',
  'Lee',
  'Longsuffering',
  'Chastity',
  'Smith',
  'Pride',
  'Sloth',
  'Envy',
  'Anger',
  'Kasczynski',
];
// The RFC's table: index, MD5 value, and the volunteer selected.
const TABLE: Array<[string, number]> = [
  ['990DD0A5692A029A98B5E01AA28F3459', 17],
  ['3691E55CB63FCC37914430B2F70B5EC6', 7],
  ['FE814EDF564C190AC1D25753979990FA', 2],
  ['1863CCACEB568C31D7DDBDF1D4E91387', 16],
  ['F4AB33DF4889F0AF29C513905BE1D758', 25],
  ['13EAEB529F61ACFB9A29D0BA3A60DE4A', 23],
  ['992DB77C382CA2BDB9727001F3CDCCD9', 8],
  ['63AB4258ECA922976811C7F55C383CE7', 24],
  ['DFBC5AC97CED01B3A6E348E3CC63F40D', 19],
  ['31CB111C4A4EBE9287CEAE16FE51B909', 13],
];

describe('RFC 3797 mode', () => {
  it('builds the reference key string, sorting each source', () => {
    expect(rfc3797Key(SOURCES)).toBe('9319./2.5.8.10.12./9.18.26.34.41.45./');
  });

  it("reproduces the reference draw: every MD5 value and every selection of the RFC's table", () => {
    const steps = rfc3797Draw(rfc3797Key(SOURCES), 25, 10);
    expect(steps.map((s) => [s.digest.toUpperCase(), s.selected])).toEqual(TABLE);
    expect(steps.map((s) => s.divisor)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    expect(steps.map((s) => VOLUNTEERS[s.selected - 1])).toEqual([
      'Lee',
      'Doc',
      'Mary',
      'Charity',
      'Kasczynski',
      'Envy',
      'Sneazy',
      'Anger',
      'Chastity',
      'Pandora',
    ]);
  });

  it('draws a full permutation, and orders applicants numbered by public id', () => {
    const all = rfc3797Draw(rfc3797Key(SOURCES), 25).map((s) => s.selected);
    expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    // Public ids sorting as 01..25 are numbered exactly like the RFC's published list.
    const ids = Array.from({ length: 25 }, (_, i) => String(i + 1).padStart(2, '0'));
    const order = rfc3797Order(SOURCES, [...ids].reverse());
    expect(order.slice(0, 10)).toEqual(TABLE.map(([, n]) => String(n).padStart(2, '0')));
  });

  it('rejects sources that are not non-negative integers', () => {
    expect(() => rfc3797Key([1.5])).toThrow(/non-negative integers/);
    expect(() => rfc3797Key([])).toThrow(/at least one source/);
  });
});
