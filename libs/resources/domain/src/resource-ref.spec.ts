import { describe, expect, it } from '@jest/globals';
import { parseResourceRef } from './resource-ref.js';

describe('parseResourceRef', () => {
  it('reads a UUID as an id, in lower case', () => {
    expect(parseResourceRef('6F1C2A57-3B8E-4D0A-9A41-5E2B8F0C7D13')).toEqual({
      by: 'id',
      id: '6f1c2a57-3b8e-4d0a-9a41-5e2b8f0c7d13',
    });
  });

  it('reads anything else as a code, in upper case', () => {
    expect(parseResourceRef(' gm-r-001 ')).toEqual({ by: 'code', code: 'GM-R-001' });
    expect(parseResourceRef('6f1c2a57-3b8e-4d0a-9a41')).toEqual({
      by: 'code',
      code: '6F1C2A57-3B8E-4D0A-9A41',
    });
  });
});
