import { parse } from 'graphql';
import { HEAP_BYTES_PER_CHARACTER, boundedDocumentStore } from './document-store';

describe('the store of parsed documents', () => {
  it('keeps documents up to the heap they are estimated to take, the least recently used leaving first', async () => {
    const query = (i: number) => `{ forums(where: { title: { contains: "${i}" } }) { totalCount } }`;
    const size = query(100).length * HEAP_BYTES_PER_CHARACTER;
    const store = boundedDocumentStore(size * 10 + 500);
    for (let i = 100; i < 120; i++) await store.set(`k${i}`, parse(query(i)));
    const kept: number[] = [];
    for (let i = 100; i < 120; i++) if (await store.get(`k${i}`)) kept.push(i);
    expect(kept).toEqual([110, 111, 112, 113, 114, 115, 116, 117, 118, 119]);
    await store.delete('k119');
    expect(await store.get('k119')).toBeUndefined();
  });

});
