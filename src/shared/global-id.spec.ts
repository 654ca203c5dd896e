import { BadUserInputError } from './errors';
import { fromGlobalId, toGlobalId } from './global-id';

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
});
