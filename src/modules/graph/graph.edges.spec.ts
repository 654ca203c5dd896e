import fs from 'node:fs';
import { sqliteDialect } from '../../db/dialect';
import { ENTITIES } from '../../entities';
import { tableOf } from '../../shared/entity-table';
import { NODE_TYPES } from '../catalog';
import { projectPath } from '../../shared/paths';
import { EDGE_KINDS, TRAVERSALS, traversalSql, traversalsFrom } from './graph.edges';

/** Foreign keys that are deliberately not edges: a participation's organisation is an attribute of the talk. */
const NOT_EDGES = ['participation.organization_id'];

/** The tables of the content (the catalog's entities): the webhooks' own tables hold no edges of the graph. */
const CONTENT_TABLES = new Set(ENTITIES.map((entity) => tableOf(entity)));

/** Every `table.column` of a content table that REFERENCES another table in the migrations. */
function foreignKeys(): string[] {
  const dir = projectPath('src', 'db', 'migrations');
  const keys: string[] = [];
  for (const file of fs.readdirSync(dir)) {
    const text = fs.readFileSync(`${dir}/${file}`, 'utf8');
    for (const table of text.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\)`/g)) {
      if (!CONTENT_TABLES.has(table[1])) continue;
      for (const column of table[2].matchAll(/^\s*(\w+) [^,\n]*REFERENCES/gm)) keys.push(`${table[1]}.${column[1]}`);
    }
  }
  return keys;
}

/** The `table.column`s the catalogue reads, both ends of every relation. */
function cataloguedColumns(): Set<string> {
  const columns = new Set<string>();
  for (const kind of EDGE_KINDS) {
    const reading = kind.read('OUT', kind.source);
    const table = reading.from.split(' ')[0];
    for (const key of [reading.fromKey, reading.toKey]) if (key !== 't.id') columns.add(`${table}.${key.slice(2)}`);
  }
  return columns;
}

describe('the edge catalogue', () => {
  it('has an edge for every foreign key of the schema', () => {
    const keys = foreignKeys();
    expect(keys.length).toBeGreaterThan(20);
    const catalogued = cataloguedColumns();
    expect(keys.filter((key) => !NOT_EDGES.includes(key) && !catalogued.has(key))).toEqual([]);
  });

  it('names every relation once, after a field of its source type', () => {
    const names = EDGE_KINDS.map((kind) => kind.name);
    expect(new Set(names).size).toBe(names.length);
    for (const kind of EDGE_KINDS) expect(kind.name.startsWith(`${kind.source}.`)).toBe(true);
  });

  it('leaves every node type by some relation, and ranks each relation OUT then IN', () => {
    for (const type of NODE_TYPES) expect(traversalsFrom(type).length).toBeGreaterThan(0);
    TRAVERSALS.forEach((traversal, rank) => expect(traversal.rank).toBe(rank));
    expect(TRAVERSALS.map((t) => t.direction).slice(0, 2)).toEqual(['OUT', 'IN']);
  });

  it('reads a batch of keys as one array parameter', () => {
    const forum = TRAVERSALS.find((t) => t.kind.name === 'Session.forum' && t.direction === 'IN')!;
    expect(traversalSql(forum, 'Forum', sqliteDialect)).toBe(
      `SELECT ${forum.rank} AS r, 'Forum' AS from_type, t.forum_id AS from_key, 'Session' AS to_type, t.id AS to_key ` +
        'FROM session t WHERE t.forum_id IN (SELECT value FROM json_each(?))',
    );
    const mention = TRAVERSALS.find((t) => t.kind.name === 'Publication.mentions' && t.direction === 'IN')!;
    expect(traversalSql(mention, 'Speaker', sqliteDialect)).toContain("t.node_type = 'Speaker'");
  });

  it('is declared by the domains, each edge on the field that reads it OUT, in the walks\' order', () => {
    expect(EDGE_KINDS.map((kind) => `${kind.name} ${kind.reverse ?? '-'}`)).toEqual([
      'Session.forum Forum.sessions',
      'Session.parent Session.children',
      'Speaker.sessions Session.speakers',
      'Speaker.organization -',
      'Speaker.affiliations Organization.speakers',
      'Organization.parent Organization.units',
      'Organization.region Region.organizations',
      'Forum.organizers Organization.organizedForums',
      'Forum.region Region.forums',
      'Cluster.region Region.clusters',
      'Cluster.members Organization.clusters',
      'ClusterEvent.parent ClusterEvent.children',
      'ClusterEvent.clusters Cluster.events',
      'ClusterEvent.organizations Organization.clusterEvents',
      'ClusterEvent.federalDistricts FederalDistrict.clusterEvents',
      'Region.federalDistrict FederalDistrict.regions',
      'Quote.speaker Speaker.quotes',
      'Quote.session Session.quotes',
      'Quote.publication Publication.quotes',
      'Publication.mentions X.publications',
      'Figure.subject X.figures',
    ]);
  });
});
