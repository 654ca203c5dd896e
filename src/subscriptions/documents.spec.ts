import { createSchema } from '../schema';
import { loadConfig } from '../config';
import { SubscriptionDocuments } from './documents';

describe('the subscription documents kept', () => {
  it('keeps the valid texts only, up to their number, the least recently used leaving first', async () => {
    const documents = new SubscriptionDocuments({ schema: await createSchema(), limits: loadConfig({}).limits, validationErrors: 10, trusted: null }, { max: 2 });
    const text = (field: string) => `subscription { contentChanged { ${field} } }`;
    for (const field of ['cursor', 'recordId', 'version']) expect(documents.parse(text(field)).errors).toBeUndefined();
    expect(documents.parse(text('nope')).errors?.map((error) => error.extensions.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(['cursor', 'recordId', 'version', 'nope'].map((field) => documents.known(text(field)) !== undefined)).toEqual([false, true, true, false]);
    expect(documents.stats).toEqual({ parsed: 4, reused: 2 });
  });
});
