import { describe, expect, it } from '@jest/globals';
import { containsPattern } from './like-pattern.js';

describe('containsPattern', () => {
  it('wraps the text in wildcards', () => {
    expect(containsPattern('电镜')).toBe('%电镜%');
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(containsPattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });
});
