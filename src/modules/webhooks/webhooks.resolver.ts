import { Arg, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { type EnumValue, defineEnum } from '../../shared/enums';
import { invariant } from '../../shared/errors';
import { toGlobalId } from '../../shared/global-id';
import { NeedsRole, Role } from '../auth/auth.roles';
import { NodeKind } from '../graph/graph.types';
import {
  DELIVERY_STATUSES,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
  addEndpoint,
  deliveryLog,
  disableEndpoint,
  listEndpoints,
  replayDelivery,
  rotateSecret,
} from './webhook-store';

/*
 * Webhooks for an ADMIN: register, list, disable an endpoint and rotate its secret; read the
 * delivery log and send a delivery again. The worker (webhook-worker.ts) does the sending.
 */

const WebhookDeliveryStatus = defineEnum('WebhookDeliveryStatus', DELIVERY_STATUSES, {
  description: 'Where a webhook delivery is.',
  values: {
    PENDING: 'Not delivered yet: its next attempt is due at nextAttemptAt.',
    DELIVERED: 'The receiver answered 2xx.',
    FAILED: 'Every attempt of the retry schedule failed; replayWebhookDelivery sends it again.',
    GONE: 'The receiver answered 410 Gone: its endpoint was disabled.',
  },
});
type WebhookDeliveryStatus = EnumValue<typeof WebhookDeliveryStatus>;

@ObjectType({ description: 'A receiver of the published changes of some node types (Standard Webhooks: signed, retried, in order per record).' })
export class WebhookEndpoint {
  @Field(() => Int, { description: 'What the webhook mutations and the CLI name it by.' })
  endpointId!: number;

  @Field(() => String, { description: 'Where each change is POSTed.' })
  url!: string;

  @Field(() => [NodeKind], { description: 'The node types whose published changes it gets.' })
  types!: NodeKind[];

  @Field(() => Boolean, { description: 'False once an ADMIN disabled it or the receiver answered 410 Gone.' })
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it was disabled.' })
  disabledReason!: string | null;

  @Field(() => Int, { description: 'How many secrets sign each message: 2 after a rotation (the new and the previous), else 1.' })
  signingSecrets!: number;

  @Field(() => String, { description: 'When it was registered (ISO date-time).' })
  createdAt!: string;

  static of(row: WebhookEndpointRow): WebhookEndpoint {
    const { id, secrets, queuedThrough: _position, ...rest } = row;
    return Object.assign(new WebhookEndpoint(), { ...rest, endpointId: id, types: rest.types as string[] as NodeKind[], signingSecrets: secrets.length });
  }
}

@ObjectType({ description: 'An endpoint and its new signing secret, shown this once.' })
export class WebhookEndpointSecret {
  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpoint;

  @Field(() => String, { description: 'whsec_<base64>: what the receiver verifies the webhook-signature header with. Not shown again.' })
  secret!: string;
}

@ObjectType({ description: 'One change sent to one endpoint, with its attempts.' })
export class WebhookDelivery {
  @Field(() => Int, { description: 'What replayWebhookDelivery names it by.' })
  deliveryId!: number;

  @Field(() => Int)
  endpointId!: number;

  @Field(() => Int, { description: 'The change outbox row it delivers.' })
  outboxId!: number;

  @Field(() => String, { description: 'The webhook-id header: the same on every attempt and replay.' })
  webhookId!: string;

  @Field(() => String, { description: 'The global ID of the record changed.' })
  recordId!: string;

  @Field(() => String, { description: 'The JSON body sent.' })
  body!: string;

  @Field(() => WebhookDeliveryStatus)
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made (since the last replay).' })
  attempts!: number;

  @Field(() => String, { description: 'When the next attempt is due, while PENDING (ISO date-time).' })
  nextAttemptAt!: string;

  @Field(() => Int, { nullable: true, description: "The receiver's last HTTP status; null where it gave none." })
  lastStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'What the last failed attempt came to.' })
  lastError!: string | null;

  @Field(() => String, { nullable: true, description: 'When the receiver took it (ISO date-time).' })
  deliveredAt!: string | null;

  static of(row: WebhookDeliveryRow): WebhookDelivery {
    const { id, type, key, nextAttemptAt, ...rest } = row;
    return Object.assign(new WebhookDelivery(), { ...rest, deliveryId: id, recordId: toGlobalId(type, key), nextAttemptAt: new Date(nextAttemptAt).toISOString() });
  }
}

function drafts(ctx: Context) {
  invariant(ctx.stages.draft, 'webhooks need the draft stage, where the change outbox is kept');
  return ctx.stages.draft;
}

@Resolver()
export class WebhooksResolver {
  @Query(() => [WebhookEndpoint], { description: 'ADMIN: every webhook endpoint, oldest first.' })
  @NeedsRole(Role.ADMIN)
  async webhookEndpoints(@Ctx() ctx: Context): Promise<WebhookEndpoint[]> {
    return (await listEndpoints(ctx.stages.published)).map((row) => WebhookEndpoint.of(row));
  }

  @Query(() => [WebhookDelivery], { description: 'ADMIN: the webhook delivery log, newest first.' })
  @NeedsRole(Role.ADMIN)
  async webhookDeliveries(
    @Ctx() ctx: Context,
    @Arg('endpointId', () => Int, { nullable: true, description: 'Only this endpoint’s.' }) endpointId?: number | null,
    @Arg('status', () => WebhookDeliveryStatus, { nullable: true, description: 'Only those with this status.' }) status?: WebhookDeliveryStatus | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many, 1 to 500.' }) first = 50,
  ): Promise<WebhookDelivery[]> {
    return (await deliveryLog(ctx.stages.published, { endpointId: endpointId ?? undefined, status: status ?? undefined, limit: first })).map((row) => WebhookDelivery.of(row));
  }

  @Mutation(() => WebhookEndpointSecret, { description: 'ADMIN: registers an endpoint for the published changes of `types` from now on; its secret is shown this once.' })
  @NeedsRole(Role.ADMIN)
  async addWebhookEndpoint(
    @Arg('url', () => String, { description: 'An absolute http:// or https:// URL.' }) url: string,
    @Arg('types', () => [NodeKind], { description: 'The node types whose changes it gets.' }) types: NodeKind[],
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpointSecret> {
    const { endpoint, secret } = await addEndpoint(ctx.stages.published, drafts(ctx), { url, types });
    return Object.assign(new WebhookEndpointSecret(), { endpoint: WebhookEndpoint.of(endpoint), secret });
  }

  @Mutation(() => WebhookEndpoint, { description: 'ADMIN: stops deliveries to an endpoint; its log stays.' })
  @NeedsRole(Role.ADMIN)
  async disableWebhookEndpoint(@Arg('endpointId', () => Int) id: number, @Ctx() ctx: Context): Promise<WebhookEndpoint> {
    return WebhookEndpoint.of(await disableEndpoint(ctx.stages.published, id, `disabled by ${ctx.viewer?.name ?? 'an ADMIN'}`));
  }

  @Mutation(() => WebhookEndpointSecret, { description: 'ADMIN: a new signing secret, shown this once; messages carry signatures by it and the previous one until the next rotation.' })
  @NeedsRole(Role.ADMIN)
  async rotateWebhookSecret(@Arg('endpointId', () => Int) id: number, @Ctx() ctx: Context): Promise<WebhookEndpointSecret> {
    const { endpoint, secret } = await rotateSecret(ctx.stages.published, id);
    return Object.assign(new WebhookEndpointSecret(), { endpoint: WebhookEndpoint.of(endpoint), secret });
  }

  @Mutation(() => WebhookDelivery, { description: 'ADMIN: sends a delivery again (PENDING, due now, attempts from 0, the same webhook-id).' })
  @NeedsRole(Role.ADMIN)
  async replayWebhookDelivery(@Arg('deliveryId', () => Int) id: number, @Ctx() ctx: Context): Promise<WebhookDelivery> {
    return WebhookDelivery.of(await replayDelivery(ctx.stages.published, id));
  }
}
