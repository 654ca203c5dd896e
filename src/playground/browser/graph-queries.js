/*
 * The queries the Graph view runs and opens, built from the schema GraphiQL loaded (so every node
 * type gets its label field without a list kept here): Expand's neighbors(id, depth: 1), and the
 * query "Open in new tab" puts in a new tab.
 *
 * window.PlaygroundGraphQueries = { expandQuery(schema), nodeQuery(schema, node), labelFragments(schema) }
 * (schema: a graphql-js GraphQLSchema, or null before it is loaded: then nodes come without labels.)
 */
(function () {
  'use strict';

  /** The fields a node is labelled with, first found first (graph-model.js reads the same). */
  var LABEL_FIELDS = ['title', 'name', 'fullName', 'shortName', 'text', 'label'];

  function namedType(type) {
    while (type && type.ofType) type = type.ofType;
    return type;
  }

  function nodeTypes(schema) {
    var node = schema && schema.getType('Node');
    return node ? schema.getPossibleTypes(node) : [];
  }

  /** `... on T { title }` for every Node type that has a label field: what the drawing labels nodes with. */
  function labelFragments(schema) {
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

  /** neighbors(id, depth: 1): what the Expand control runs. */
  function expandQuery(schema) {
    return (
      'query ExpandNode($id: ID!) {\n' +
      '  neighbors(id: $id, depth: 1, first: 200) {\n' +
      '    nodes { node { __typename id ' + labelFragments(schema) + ' } via { relation direction from { __typename id } } }\n' +
      '  }\n' +
      '}\n'
    );
  }

  /** The query a node opens as a new tab: its own fields, and what lies one relation away. */
  function nodeQuery(schema, node) {
    var own = '';
    var type = schema && schema.getType(node.type);
    if (type && type.getFields) {
      var fields = type.getFields();
      own = Object.keys(fields)
        .filter(function (name) {
          var field = fields[name];
          var leaf = namedType(field.type);
          var required = field.args.some(function (arg) {
            return arg.type.toString().slice(-1) === '!' && arg.defaultValue === undefined;
          });
          return name !== 'id' && !required && leaf && !leaf.getFields;
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

  window.PlaygroundGraphQueries = { expandQuery: expandQuery, nodeQuery: nodeQuery, labelFragments: labelFragments };
})();
