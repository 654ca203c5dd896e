import { PublicationMention } from './modules/publication/publication.entity';
import { WRITE_ORDER } from './modules/writes/write-records';

/**
 * Every TypeORM entity of every domain: what db/ opens the data source with (db/ imports no
 * domain). Each comes after the entities it refers to (the write order, with each type's link
 * tables after it), so tables copied in this order keep their foreign keys (stages.ts).
 */
export const ENTITIES = [...WRITE_ORDER.flatMap((kind) => [kind.entity, ...kind.model.linkEntities]), PublicationMention];
