import autocannon from 'autocannon';
import { MORE_SHAPES, TABLE_SHAPES } from './hostile';

/**
 * The hostile client of the soak's flood, in a process of its own: `node flood-client.js URL
 * SECONDS CONNECTIONS` sends every hostile shape as fast as its connections allow, each made new
 * (a comment with a counter) so that no verdict is kept for it, with the issued key FLOOD_API_KEY, and
 * prints what it got as one line of JSON. Apart from the soak's process, building its bodies
 * (up to 20 KB each, a thousand a second) does not delay the normal client whose latency the
 * soak measures.
 */
export interface HostileRun {
  requests: { total: number; average: number };
  '4xx': number;
  '5xx': number;
}

async function main(): Promise<void> {
  const [url, secondsText, connectionsText] = process.argv.slice(2);
  const seconds = Number(secondsText);
  const connections = Number(connectionsText);
  const key = process.env.FLOOD_API_KEY ?? '';
  if (!url || !(seconds > 0) || !(connections > 0) || !key) {
    throw new Error(`usage: FLOOD_API_KEY=<a key the server issued> flood-client URL SECONDS CONNECTIONS; received "${process.argv.slice(2).join(' ')}"${key ? '' : ' and no FLOOD_API_KEY'}`);
  }
  const shapes = [...TABLE_SHAPES, ...MORE_SHAPES].filter((shape) => JSON.stringify({ query: shape.query }).length < 20_000);
  let counter = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const shape = shapes[counter % shapes.length];
              counter += 1;
              return { ...request, body: JSON.stringify({ query: `${shape.query}\n#${counter}`, variables: shape.variables }) };
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    ),
  );
  const run: HostileRun = { requests: { total: result.requests.total, average: result.requests.average }, '4xx': result['4xx'], '5xx': result['5xx'] };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

main().catch((error: Error) => {
  console.error(`flood-client: ${error.message}`);
  process.exitCode = 1;
});
