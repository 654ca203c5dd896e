import type { EntityMetadata } from 'typeorm';
import type { EntityClass } from '../shared/entity-table';

/**
 * The rows a selection reads, and how the statement names their columns. A `derived` source is a
 * derived table (a list's or a page's rows, the table aliased `t` inside it) that exposes the
 * columns used; a `table` source is a table read by key (`node(id:)`); a `joined` source is a
 * to-one relation LEFT JOINed (by primary key: it never adds rows) into the FROM of the derived
 * or table source that owns it, so a relation is a join in the rows' own read, not a
 * subquery per row.
 */
export class RowSource {
  /** Of a derived source: the exposed columns, by name, with what they read inside it. */
  private readonly exposed = new Map<string, string>();
  /** Of a derived or table source: the LEFT JOINs of its joined sources. */
  private readonly joins: string[] = [];

  private constructor(
    readonly kind: 'derived' | 'table' | 'joined',
    /** The derived table's alias, or the table's (table, joined). */
    readonly alias: string,
    readonly entity: EntityClass,
    readonly metadata: EntityMetadata,
    private readonly owner: RowSource | null,
  ) {}

  static derived(alias: string, entity: EntityClass, metadata: EntityMetadata): RowSource {
    return new RowSource('derived', alias, entity, metadata, null);
  }

  static table(alias: string, entity: EntityClass, metadata: EntityMetadata): RowSource {
    return new RowSource('table', alias, entity, metadata, null);
  }

  /** A column as the JSON expressions (outside a derived table) read it. */
  column(name: string): string {
    if (this.kind === 'derived') {
      this.exposed.set(name, `t.${name}`);
      return `${this.alias}.${name}`;
    }
    if (this.kind === 'joined' && this.owner!.kind === 'derived') {
      const exposed = `${this.alias}__${name}`;
      this.owner!.exposed.set(exposed, `${this.alias}.${name}`);
      return `${this.owner!.alias}.${exposed}`;
    }
    return `${this.alias}.${name}`;
  }

  /** A column as the source's own FROM reads it (in a join condition). */
  inner(name: string): string {
    return this.kind === 'derived' ? `t.${name}` : `${this.alias}.${name}`;
  }

  /** The primary key column (every entity here has one, `id`). */
  key(): string {
    return this.column(this.keyColumn());
  }

  keyColumn(): string {
    return this.metadata.primaryColumns[0].databaseName;
  }

  /** The row of `entity` whose key is this row's `column`, joined into the owner's FROM as `alias`. */
  join(alias: string, entity: EntityClass, metadata: EntityMetadata, column: string): RowSource {
    const owner = this.owner ?? this;
    const joined = new RowSource('joined', alias, entity, metadata, owner);
    owner.joins.push(` LEFT JOIN ${metadata.tableName} ${alias} ON ${alias}.${joined.keyColumn()} = ${this.inner(column)}`);
    return joined;
  }

  /** The LEFT JOINs to append to this source's FROM. */
  fromJoins(): string {
    return this.joins.join('');
  }

  /** The select list of a derived table over `t` exposing the columns used. */
  derivedSelect(): string {
    if (this.exposed.size === 0) return '1 AS __one';
    return [...this.exposed].map(([name, expr]) => `${expr} AS ${name}`).join(', ');
  }
}
