import { BadUserInputError } from './errors';
import { declareNodeType, fromGlobalId, toGlobalId } from './global-id';

// A global ID names a declared node type (a model declares its own); this suite reads one.
declareNodeType('Region');

describe('global IDs', () => {
  it('round-trip type and key', () => {
    const id = toGlobalId('Region', 'RU-BU');
    expect(id).toBe('UmVnaW9uOlJVLUJV');
    expect(fromGlobalId(id)).toEqual({ type: 'Region', key: 'RU-BU' });
  });

  it('refuses IDs that this API did not make, naming the argument', () => {
    for (const id of ['', 'UmVnaW9uOlJVLUJV=', 'UmVnaW9u', Buffer.from('Nope:x').toString('base64url'), 'a'.repeat(401)]) {
      expect(() => fromGlobalId(id, 'ids[2]')).toThrow(BadUserInputError);
      expect(() => fromGlobalId(id, 'ids[2]')).toThrow(/^ids\[2\]: expected a global ID/);
    }
  });

  it('decodes only the node types declared so far: Forum is not, in this suite', () => {
    expect(() => fromGlobalId(toGlobalId('Forum', 'x'))).toThrow(/^id: expected a global ID/);
    expect(() => declareNodeType('Region')).toThrow('the node type Region is declared by two models');
  });
});
