import { CATALOG, entitiesOf } from './modules/catalog';
import { PublicationMention } from './modules/publication/publication.entity';

/** Every TypeORM entity of every domain: what db/ opens the data source with (db/ imports no domain). */
export const ENTITIES = [...CATALOG.flatMap(entitiesOf), PublicationMention];
