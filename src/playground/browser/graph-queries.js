/*
 * The queries the Graph view runs and opens, built from the schema GraphiQL loaded (so every node
 * type gets its label field without a list kept here): Expand's neighbors(id, depth: 1), and the
 * query "Open in new tab" puts in a new tab. `schema` is a graphql-js GraphQLSchema, or null
 * before it is loaded: then nodes come without labels.
 *
 * An ES module served as it is written (no build step); type-checked by `npm run typecheck`.
 */
import { LABEL_FIELDS } from './graph-model.js';

/** @typedef {import('graphql').GraphQLSchema} GraphQLSchema */
/** @typedef {import('graphql').GraphQLType} GraphQLType */

/**
 * The named type under lists and non-nulls.
 * @param {GraphQLType} type
 * @returns {GraphQLType}
 */
function namedType(type) {
  var named = type;
  while ('ofType' in named) named = named.ofType;
  return named;
}

/**
 * @param {GraphQLSchema | null} schema
 * @returns {readonly import('graphql').GraphQLObjectType[]}
 */
function nodeTypes(schema) {
  var node = schema && schema.getType('Node');
  return schema && node && 'getPossibleTypes' in schema && isAbstract(node) ? schema.getPossibleTypes(node) : [];
}

/**
 * @param {import('graphql').GraphQLNamedType} type
 * @returns {type is import('graphql').GraphQLInterfaceType | import('graphql').GraphQLUnionType}
 */
function isAbstract(type) {
  return 'resolveType' in type;
}

/**
 * `... on T { title }` for every Node type that has a label field: what the drawing labels nodes with.
 * @param {GraphQLSchema | null} schema
 * @returns {string}
 */
export function labelFragments(schema) {
  return nodeTypes(schema)
    .map(function (type) {
      var fields = type.getFields();
      var label = LABEL_FIELDS.filter(function (name) {
        return fields[name] && fields[name].args.length === 0;
      })[0];
      return label ? '... on ' + type.name + ' { ' + label + ' }' : null;
    })
    .filter(Boolean)
    .join(' ');
}

/**
 * neighbors(id, depth: 1): what the Expand control runs.
 * @param {GraphQLSchema | null} schema
 * @returns {string}
 */
export function expandQuery(schema) {
  return (
    'query ExpandNode($id: ID!) {\n' +
    '  neighbors(id: $id, depth: 1, first: 200) {\n' +
    '    nodes { node { __typename id ' + labelFragments(schema) + ' } via { relation direction from { __typename id } } }\n' +
    '  }\n' +
    '}\n'
  );
}

/**
 * The query a node opens as a new tab: its own fields, and what lies one relation away.
 * @param {GraphQLSchema | null} schema
 * @param {{ type: string, label: string }} node
 * @returns {string}
 */
export function nodeQuery(schema, node) {
  var own = '';
  var type = schema && schema.getType(node.type);
  if (type && 'getFields' in type) {
    var fields = type.getFields();
    own = Object.keys(fields)
      .filter(function (name) {
        var field = fields[name];
        var leaf = namedType(field.type);
        var required = 'args' in field && field.args.some(function (arg) {
          return arg.type.toString().slice(-1) === '!' && arg.defaultValue === undefined;
        });
        return name !== 'id' && !required && !('getFields' in leaf);
      })
      .join(' ');
  }
  var name = 'Open' + node.type.replace(/[^A-Za-z0-9_]/g, '');
  return (
    '# ' + node.type + ' «' + node.label.replace(/\n/g, ' ') + '»: its fields, and what lies one relation away.\n' +
    'query ' + name + '($id: ID!) {\n' +
    '  node(id: $id) {\n    __typename\n    id\n' +
    (own ? '    ... on ' + node.type + ' { ' + own + ' }\n' : '') +
    '  }\n' +
    '  neighbors(id: $id, depth: 1) {\n    totalCount\n' +
    '    nodes { node { __typename id ' + labelFragments(schema) + ' } via { relation direction from { id } } }\n' +
    '  }\n' +
    '}\n'
  );
}
