import { describe, expect, it } from '@jest/globals';
import {
  HousingTicketDetailsSchema,
  LabSpaceDetailsSchema,
  TalentServiceDetailsSchema,
} from '@gm/triage-contracts';
import { detailsFromAttributes, open311Attributes } from './open311-attributes.js';

const PROJECT = '11111111-1111-4111-8111-111111111111';

describe('Open311 attributes of a details schema', () => {
  it('derives datatype, required, order and values from the zod schema', () => {
    const attributes = open311Attributes(HousingTicketDetailsSchema);
    expect(attributes.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ['talentTier', 'string', true, 1],
      ['householdSize', 'number', true, 2],
      ['preferredProjectIds', 'string', true, 3],
      ['employerUnitId', 'string', false, 4],
      ['note', 'text', false, 5],
      ['applicantName', 'string', false, 6],
      ['socialInsuranceSince', 'datetime', false, 7],
    ]);
    expect(attributes[1]).toMatchObject({
      description: 'Household size',
      datatype_description: 'a whole number, 1 to 12',
    });
    expect(attributes[2]!.datatype_description).toMatch(/1 to 10 values, comma-separated/);
    expect(open311Attributes(TalentServiceDetailsSchema)[0]).toMatchObject({
      code: 'service',
      datatype: 'singlevaluelist',
      values: ['residence', 'subsidy', 'certification', 'other'].map((v) => ({ key: v, name: v })),
    });
    expect(open311Attributes(LabSpaceDetailsSchema).map((a) => a.datatype)).toEqual([
      'number',
      'text',
      'datetime',
    ]);
    expect(open311Attributes(undefined)).toEqual([]);
  });

  it('types posted values by their field and refuses unknown attributes', () => {
    expect(
      detailsFromAttributes(HousingTicketDetailsSchema, {
        talentTier: ' B ',
        householdSize: '3',
        preferredProjectIds: `${PROJECT}, ${PROJECT}`,
        note: '',
      }),
    ).toEqual({
      details: { talentTier: 'B', householdSize: 3, preferredProjectIds: [PROJECT, PROJECT] },
      errors: [],
    });
    expect(
      detailsFromAttributes(LabSpaceDetailsSchema, {
        areaSqm: 'lots',
        neededFrom: '2026-09-01T00:00:00+08:00',
        colour: 'red',
      }),
    ).toEqual({
      details: { areaSqm: 'lots', neededFrom: '2026-09-01' },
      errors: [
        expect.objectContaining({ path: 'attribute[colour]', code: 'open311.unknown-attribute' }),
      ],
    });
    expect(detailsFromAttributes(undefined, {})).toEqual({ details: undefined, errors: [] });
  });
});
