import { ClusterEvent, ClusterEventCluster, ClusterEventFederalDistrict, ClusterEventOrganization } from './modules/cluster-event/cluster-event.entity';
import { Cluster, ClusterMember } from './modules/cluster/cluster.entity';
import { Figure } from './modules/figure/figure.entity';
import { Forum, ForumOrganizer } from './modules/forum/forum.entity';
import { Organization } from './modules/organization/organization.entity';
import { Publication, PublicationMention } from './modules/publication/publication.entity';
import { Quote } from './modules/publication/quote.entity';
import { FederalDistrict, Region } from './modules/region/region.entity';
import { Participation, Session } from './modules/session/session.entity';
import { Affiliation, Speaker } from './modules/speaker/speaker.entity';

/** Every TypeORM entity of every domain: what db/ opens the data source with (db/ imports no domain). */
export const ENTITIES = [
  FederalDistrict,
  Region,
  Publication,
  PublicationMention,
  Organization,
  Speaker,
  Affiliation,
  Forum,
  ForumOrganizer,
  Session,
  Participation,
  Quote,
  Cluster,
  ClusterMember,
  ClusterEvent,
  ClusterEventCluster,
  ClusterEventOrganization,
  ClusterEventFederalDistrict,
  Figure,
];
