import type { AddressInfo } from 'node:net';
import express from 'express';
import { BadUserInputError } from '../shared/errors';
import { BodyWriter, sendFailure } from './http';

const quiet = { mask: true, log: () => undefined };

async function serve(handler: express.RequestHandler): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.get('/', handler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('a body that fails after it started', () => {
  it('is cut off, so the client sees an incomplete transfer, not a whole file', async () => {
    const server = await serve(async (_req, res) => {
      const body = new BodyWriter(res);
      res.status(200).type('text/csv');
      await body.write('id\r\n1\r\n');
      body.abort(new Error('the database went away'), quiet);
    });
    try {
      const response = await fetch(server.url);
      expect(response.status).toBe(200);
      await expect(response.text()).rejects.toThrow();
    } finally {
      await server.close();
    }
  });
});

describe('sendFailure', () => {
  it('answers bad input with 400 and its argument, and masks anything else', async () => {
    const server = await serve((req, res) => {
      sendFailure(res, req.query.bad ? new BadUserInputError('where: expected JSON; received "x"', 'where') : new Error('secret detail'), quiet);
    });
    try {
      const bad = await fetch(`${server.url}?bad=1`);
      expect([bad.status, await bad.json()]).toEqual([400, { error: { code: 'BAD_USER_INPUT', message: 'where: expected JSON; received "x"', argument: 'where' } }]);
      const internal = await fetch(server.url);
      expect([internal.status, await internal.json()]).toEqual([500, { error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } }]);
    } finally {
      await server.close();
    }
  });
});

describe('a body pipelined behind another on a socket that dies', () => {
  it('stops waiting for a drain that never comes: its writer is gone', async () => {
    const { EventEmitter } = await import('node:events');
    const socket = Object.assign(new EventEmitter(), { destroyed: false });
    // A response Node queued behind the one on its socket: writes buffer, and it never emits close.
    const res = Object.assign(new EventEmitter(), { req: { socket }, write: () => false });
    const body = new BodyWriter(res as unknown as express.Response);
    const written = body.write('x'.repeat(20_000));
    socket.destroyed = true;
    socket.emit('close');
    await written;
    expect(body.gone).toBe(true);
  });
});
