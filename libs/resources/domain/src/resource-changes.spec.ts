import { describe, expect, it } from '@jest/globals';
import type { Resource } from '@gm/resources-contracts';
import { applyResourceChanges } from './resource-changes.js';

const resource: Resource = {
  id: '0190c2a4-0000-7000-8000-000000000001',
  code: 'GM-R-001',
  name: '冷冻电镜',
  nameEn: 'Cryo-EM',
  category: 'instrument',
  unit: { id: '0190c2a4-0000-7000-8000-000000000002', code: 'SZBL', name: '湾区', nameEn: 'SZBL' },
  location: 'A-B1-01',
  description: '',
  descriptionEn: '',
  status: 'available',
  policy: {
    requiresApproval: true,
    minMinutes: 30,
    maxMinutes: 240,
    slotMinutes: 30,
    bufferMinutes: 15,
    bufferBeforeMinutes: 15,
    bufferAfterMinutes: 10,
    leadTimeHours: 24,
    maxAdvanceDays: 30,
    openingHours: [{ weekday: 1, open: '08:30', close: '21:00' }],
    requiredQualification: null,
    monthlyCapHoursPerUnit: null,
    externalSharePercent: null,
  },
};

describe('applyResourceChanges', () => {
  it('changes only the fields given and lists each with its old and new value', () => {
    const { resource: next, changed } = applyResourceChanges(resource, {
      nameEn: 'Titan Krios',
      location: 'A-B1-01',
      policy: { maxMinutes: 480 },
    });
    expect(next).toEqual({
      ...resource,
      nameEn: 'Titan Krios',
      policy: { ...resource.policy, maxMinutes: 480 },
    });
    expect(changed).toEqual({
      nameEn: { from: 'Cryo-EM', to: 'Titan Krios' },
      'policy.maxMinutes': { from: 240, to: 480 },
    });
  });

  it('sets both buffers from bufferMinutes and keeps bufferMinutes the larger buffer', () => {
    expect(
      applyResourceChanges(resource, { policy: { bufferMinutes: 30 } }).resource.policy,
    ).toMatchObject({ bufferMinutes: 30, bufferBeforeMinutes: 30, bufferAfterMinutes: 30 });
    expect(
      applyResourceChanges(resource, { policy: { bufferMinutes: 30, bufferAfterMinutes: 45 } })
        .resource.policy,
    ).toMatchObject({ bufferMinutes: 45, bufferBeforeMinutes: 15, bufferAfterMinutes: 45 });
  });

  it('reports nothing when the values are the ones already there', () => {
    expect(
      applyResourceChanges(resource, { status: 'available', policy: { minMinutes: 30 } }).changed,
    ).toEqual({});
  });
});
