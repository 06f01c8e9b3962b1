import { describe, expect, it } from '@jest/globals';
import type { ProjectPriority } from '@gm/housing-contracts';
import {
  classPriorityGroups,
  priorityGroupOf,
  strictClassPriority,
  type PriorityAttributes,
} from './class-priority.js';

const SIAT = '0190a000-0000-7000-8000-000000000001';
const person = (
  publicId: string,
  patch: Partial<PriorityAttributes & { classIds: string[] }> = {},
): PriorityAttributes & { classIds: string[] } => ({
  publicId,
  talentTier: 'B',
  employerUnitId: null,
  subdistrict: null,
  classIds: ['CZ:2BR:65', 'GMC:1BR:45'],
  ...patch,
});
const cz: ProjectPriority = {
  projectCode: 'CZ',
  groups: [
    { code: 'subdistrict-resident', subdistricts: ['凤凰街道'] },
    { code: 'member-unit-researcher', employerUnitIds: [SIAT] },
  ],
  exclusive: false,
};

describe('project priorities evaluated at freeze time', () => {
  it('puts an applicant in its first matching group, everyone else after, or nowhere if exclusive', () => {
    expect(
      priorityGroupOf(cz, person('a', { subdistrict: '凤凰街道', employerUnitId: SIAT })),
    ).toBe(0);
    expect(priorityGroupOf(cz, person('b', { employerUnitId: SIAT }))).toBe(1);
    expect(priorityGroupOf(cz, person('c', { subdistrict: '玉塘街道' }))).toBe(2);
    expect(priorityGroupOf({ ...cz, exclusive: true }, person('c'))).toBe(-1);
    // Every criterion a group names must hold.
    const both = { code: 'x', subdistricts: ['凤凰街道'], tiers: ['A'] };
    expect(
      priorityGroupOf({ ...cz, groups: [both] }, person('d', { subdistrict: '凤凰街道' })),
    ).toBe(1);
  });

  it('splits each class’s listers into the groups, whatever the input order', () => {
    const applicants = [
      person('c'),
      person('b', { employerUnitId: SIAT }),
      person('a', { subdistrict: '凤凰街道' }),
      person('e', { classIds: ['GMC:1BR:45'] }),
      person('d', { subdistrict: '凤凰街道' }),
    ];
    const groups = classPriorityGroups(
      { projectPriorities: [{ ...cz, exclusive: true }] },
      applicants,
      ['GMC:1BR:45', 'CZ:2BR:65'],
      (c) => c.split(':')[0],
    );
    expect(groups).toEqual([
      // Exclusive: c (no group) is not eligible; e did not list the class.
      { classId: 'CZ:2BR:65', groups: [['a', 'd'], ['b']] },
      // No priority for GMC: one group of everyone who listed it.
      { classId: 'GMC:1BR:45', groups: [['a', 'b', 'c', 'd', 'e']] },
    ]);
    expect(
      classPriorityGroups(
        { projectPriorities: [{ ...cz, exclusive: true }] },
        [...applicants].reverse(),
        ['CZ:2BR:65', 'GMC:1BR:45'],
        (c) => c.split(':')[0],
      ),
    ).toEqual(groups);
  });

  it('breaks ties within a group by the published key (the lottery), groups first', () => {
    const place = new Map(['d', 'b', 'c', 'a'].map((id, i) => [id, i]));
    expect(
      strictClassPriority(
        [
          ['a', 'd'],
          ['b', 'c'],
        ],
        place,
      ),
    ).toEqual(['d', 'a', 'b', 'c']);
    // Applicants no longer in the round are left out.
    expect(strictClassPriority([['a', 'x'], ['b']], place)).toEqual(['a', 'b']);
  });
});
