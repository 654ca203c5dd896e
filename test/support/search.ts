/** A page of search hits with everything a client reads: the tests of search and of its top lists ask it. */
export const SEARCH = `query Search($query: String!, $types: [SearchableType!], $first: Int, $after: String) {
  search(query: $query, types: $types, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { score highlight node { __typename id } } }
  }
}`;
