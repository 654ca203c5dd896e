import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from './config';
import { WAITING_FOR_SET_UP, setUpStages } from './set-up';
import { addEndpoint, deliveryLog, disableEndpoint, listEndpoints, replayDelivery, rotateSecret } from './modules/webhooks/webhook-store';
import { runAsMain, stderrLine, stdoutLine } from './shared/cli-main';

const USAGE = `Usage:
  npm run --silent webhooks -- add URL --types Forum,Session   registers an endpoint; prints its secret alone on one line
  npm run --silent webhooks -- list                            id, url, types, state, signing secrets, created
  npm run --silent webhooks -- disable ID                      no more deliveries to it (its log stays)
  npm run --silent webhooks -- rotate-secret ID                prints the new secret; the previous one still signs until the next rotation
  npm run --silent webhooks -- deliveries [--endpoint ID] [--status PENDING|DELIVERED|FAILED|GONE]   the log, newest first
  npm run --silent webhooks -- replay DELIVERY_ID              sends a delivery again (same webhook-id)
The database is the server's: DATABASE_URL (default ./data/graph.sqlite).`;

/** An id given on the command line: a positive integer, or what was expected and received. */
function idOf(what: string, raw: string | undefined): number {
  if (raw === undefined || !/^[1-9]\d{0,15}$/.test(raw)) throw new UsageError(`${what}: expected a positive integer; received ${raw === undefined ? 'nothing' : JSON.stringify(raw)}`);
  return Number(raw);
}

class UsageError extends Error {}

/** `npm run webhooks -- add|list|disable|rotate-secret|deliveries|replay`: the operator's tool for webhook endpoints. Resolves with the exit code. */
export async function runWebhooksCli(argv: readonly string[], out: (line: string) => void, err: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let command: string | undefined;
  let args: string[];
  let values: { types?: string; endpoint?: string; status?: string };
  let parsed: { url?: string; id?: number };
  try {
    const result = parseArgs({ args: [...argv], allowPositionals: true, options: { types: { type: 'string' }, endpoint: { type: 'string' }, status: { type: 'string' } } });
    [command, ...args] = result.positionals;
    values = result.values;
    const options = Object.keys(values);
    const allowed: Record<string, { args: number; options: string[] }> = {
      add: { args: 1, options: ['types'] },
      list: { args: 0, options: [] },
      disable: { args: 1, options: [] },
      'rotate-secret': { args: 1, options: [] },
      deliveries: { args: 0, options: ['endpoint', 'status'] },
      replay: { args: 1, options: [] },
    };
    const shape = command === undefined ? undefined : allowed[command];
    if (!shape || args.length !== shape.args || options.some((o) => !shape.options.includes(o)) || (command === 'add' && values.types === undefined)) {
      throw new UsageError(`Expected add URL --types, list, disable ID, rotate-secret ID, deliveries or replay ID; received ${JSON.stringify(argv.join(' '))}`);
    }
    parsed = {
      url: command === 'add' ? args[0] : undefined,
      id: ['disable', 'rotate-secret', 'replay'].includes(command!) ? idOf(command === 'replay' ? 'DELIVERY_ID' : 'ID', args[0]) : undefined,
    };
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(env);
  const { published, draft: drafts } = await setUpStages(config.database, { onWait: () => err(WAITING_FOR_SET_UP) });
  try {
    switch (command) {
      case 'add': {
        const types = values.types!.split(',').map((type) => type.trim());
        const { endpoint, secret } = await addEndpoint(published, drafts, { url: parsed.url!, types });
        out(secret);
        err(`Registered endpoint ${endpoint.id} for ${endpoint.types.join(', ')} at ${endpoint.url}: it gets the published changes from now on. The secret is not shown again.`);
        break;
      }
      case 'list':
        for (const e of await listEndpoints(published)) {
          out([e.id, e.url, e.types.join(','), e.enabled ? 'enabled' : `disabled: ${e.disabledReason ?? ''}`, `${e.secrets.length} secret(s)`, e.createdAt].join('\t'));
        }
        break;
      case 'disable':
        await disableEndpoint(published, parsed.id!, 'disabled by the webhooks CLI');
        err(`Disabled endpoint ${parsed.id}: nothing more is delivered to it.`);
        break;
      case 'rotate-secret':
        out((await rotateSecret(published, parsed.id!)).secret);
        err(`Rotated the secret of endpoint ${parsed.id}: messages carry signatures by the new and the previous secret until the next rotation.`);
        break;
      case 'deliveries': {
        const endpointId = values.endpoint === undefined ? undefined : idOf('--endpoint', values.endpoint);
        for (const d of await deliveryLog(published, { endpointId, status: values.status, limit: 500 })) {
          out([d.id, d.endpointId, d.webhookId, `${d.type}:${d.key}`, d.status, `${d.attempts} attempt(s)`, d.lastStatus ?? '-', d.lastError ?? '', d.deliveredAt ?? ''].join('\t'));
        }
        break;
      }
      case 'replay':
        await replayDelivery(published, parsed.id!);
        err(`Delivery ${parsed.id} is due again: the server's worker sends it on its next pass.`);
        break;
    }
    return 0;
  } catch (error) {
    err((error as Error).message);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await drafts.close();
    await published.close();
  }
}

if (require.main === module) runAsMain('webhooks', () => runWebhooksCli(process.argv.slice(2), stdoutLine, stderrLine));
