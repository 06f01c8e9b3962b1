import { describe, expect, it } from '@jest/globals';
import { applyJsonPatch, selects } from './manifests.js';

describe('applyJsonPatch', () => {
  it('adds, replaces and removes, in maps and lists', () => {
    const target = { spec: { replicas: 1, tls: [{ hosts: ['a'] }], 'a/b': 1 } };
    applyJsonPatch(target, [
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/spec/tls/0/hosts/-', value: 'b' },
      { op: 'remove', path: '/spec/a~1b' },
    ]);
    expect(target).toEqual({ spec: { replicas: 3, tls: [{ hosts: ['a', 'b'] }] } });
  });

  it('refuses a path that does not exist, as kustomize does', () => {
    expect(() =>
      applyJsonPatch({ spec: {} }, [{ op: 'replace', path: '/spec/replicas', value: 3 }]),
    ).toThrow('patch path "/spec/replicas" does not exist');
    expect(() =>
      applyJsonPatch({ spec: {} }, [{ op: 'add', path: '/spec/rules/0/host', value: 'x' }]),
    ).toThrow('patch path "/spec/rules/0/host" does not exist');
  });
});

describe('selects', () => {
  it('needs every selector label, and a selector that is not empty', () => {
    expect(selects({ a: '1' }, { a: '1', b: '2' })).toBe(true);
    expect(selects({ a: '1', c: '3' }, { a: '1', b: '2' })).toBe(false);
    expect(selects({}, { a: '1' })).toBe(false);
  });
});
