import net from 'node:net';

/** The bytes of one HTTP/1.1 POST of a GraphQL operation to /graphql. */
export function graphqlPost(query: string, options: { headers?: Record<string, string>; keepAlive?: boolean } = {}): string {
  const body = JSON.stringify({ query });
  const headers = {
    host: '127.0.0.1',
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    connection: options.keepAlive === false ? 'close' : 'keep-alive',
    ...options.headers,
  };
  return `POST /graphql HTTP/1.1\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${body}`;
}

/** A connected raw socket to 127.0.0.1:port, with what it received and whether the server closed it. */
export interface RawSocket {
  socket: net.Socket;
  /** Everything received so far. */
  received(): Buffer;
  /** Resolves when the socket has closed (by either side), with the milliseconds since it opened. */
  closed: Promise<number>;
}

export async function connect(port: number, options: { read?: boolean } = {}): Promise<RawSocket> {
  const socket = net.connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  const opened = Date.now();
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - opened)));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  if (options.read === false) socket.pause();
  else socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { socket, received: () => Buffer.concat(chunks), closed };
}

/** How many complete HTTP responses (status lines) a byte stream holds. */
export function statusLines(bytes: Buffer): number[] {
  return [...bytes.toString('latin1').matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
