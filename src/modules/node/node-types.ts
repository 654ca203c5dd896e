import type { NodeType } from '../../shared/global-id';
import type { EntityClass } from '../../shared/entity-table';
import { ClusterEvent } from '../cluster-event/cluster-event.entity';
import { Cluster } from '../cluster/cluster.entity';
import { Figure } from '../figure/figure.entity';
import { Forum } from '../forum/forum.entity';
import { Organization } from '../organization/organization.entity';
import { Publication } from '../publication/publication.entity';
import { Quote } from '../publication/quote.entity';
import { FederalDistrict, Region } from '../region/region.entity';
import { Session } from '../session/session.entity';
import { Speaker } from '../speaker/speaker.entity';

/** The entity class behind each node type of a global ID. */
export const NODE_ENTITIES: Record<NodeType, EntityClass> = {
  Forum,
  Session,
  Speaker,
  Organization,
  Cluster,
  ClusterEvent,
  FederalDistrict,
  Region,
  Publication,
  Quote,
  Figure,
};
