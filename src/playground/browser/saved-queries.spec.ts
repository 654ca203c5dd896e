import { importBrowserModule } from '../../../test/support/browser-scripts';
import type * as SavedQueriesModule from './saved-queries.js';

const Saved = importBrowserModule<typeof SavedQueriesModule>('saved-queries.js');
const ID = `sha256:${'ab'.repeat(32)}`;

describe('the Playground\'s saved-query links', () => {
  it('name a saved query by its id in the fragment, and nothing else', () => {
    expect(Saved.sharedDocumentId(`#documentId=${ID}`)).toBe(ID);
    expect(Saved.sharedDocumentId(`documentId=${ID}&view=graph`)).toBe(ID);
    expect(Saved.sharedDocumentId('#query=%7B%20forums%20%7D')).toBeNull();
    expect(Saved.sharedDocumentId(`#documentId=${ID.toUpperCase()}`)).toBeNull();
    expect(Saved.sharedDocumentId('#documentId=sha256:abc')).toBeNull();
    expect(Saved.sharedDocumentId(null)).toBeNull();
  });

  it('are the page\'s own address with the id in the fragment', () => {
    expect(Saved.savedLink({ origin: 'https://graph.example.org', pathname: '/api/graphql' }, ID)).toBe(`https://graph.example.org/api/graphql#documentId=${ID}`);
  });
});
