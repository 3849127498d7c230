import { createServer, Server, Socket } from 'node:net';
import { freePort } from '@app/database';
import { signRpcCommand } from '@app/operations';
import { MAX_RPC_CONNECTIONS, RPC_IDLE_TIMEOUT_MS } from '@app/runtime';
import {
  AppProcess,
  createTestDatabase,
  graphql,
  startApp,
  TEST_ADMIN_KEY,
  TEST_SECRETS,
  TestDatabase,
} from '@app/testing';

const PATTERN = 'projections.rebuild';

interface Reply {
  id?: string;
  response?: { projection: string }[];
  err?: { kind?: string; message?: string };
}

function connect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.once('error', reject);
    socket.connect(port, '127.0.0.1', () => resolve(socket));
  });
}

/** Resolves with how long the socket took to close, or null if it is still open after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<number | null> {
  const start = Date.now();
  return new Promise((resolve) => {
    if (socket.destroyed || socket.readyState === 'closed') return resolve(0);
    const timer = setTimeout(() => resolve(null), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - start);
    });
  });
}

/** Nest's TCP framing: `<length>#<json>`, the length in UTF-16 code units. */
function frame(message: unknown): string {
  const json = JSON.stringify(message);
  return `${json.length}#${json}`;
}

/** Sends raw bytes on a new connection and reads one framed reply. */
async function exchange(port: number, bytes: string | Buffer): Promise<Reply> {
  const socket = await connect(port);
  try {
    return await new Promise<Reply>((resolve, reject) => {
      let buffer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        const hash = buffer.indexOf('#');
        const length = Number(buffer.slice(0, hash));
        if (hash > 0 && buffer.length - hash - 1 >= length)
          resolve(JSON.parse(buffer.slice(hash + 1, hash + 1 + length)) as Reply);
      });
      socket.once('close', () => reject(new Error(`closed before a reply: ${buffer}`)));
      socket.write(bytes);
    });
  } finally {
    socket.destroy();
  }
}

function rebuildCommand(id: string, issuedAt = Date.now()): string {
  const projections = ['click-buckets'];
  return frame({
    pattern: PATTERN,
    id,
    data: {
      projections,
      credential: signRpcCommand(TEST_ADMIN_KEY, PATTERN, projections, issuedAt),
    },
  });
}

/** The projector's command port against strangers: real TCP against the built process. */
describe('the projector command port', () => {
  let db: TestDatabase;
  let projector: AppProcess;
  let rpcPort: number;
  const others: AppProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('rpc_port');
    rpcPort = await freePort();
    projector = await startApp('projector', {
      DATABASE_URL: db.url,
      ...TEST_SECRETS,
      PROJECTOR_RPC_PORT: String(rpcPort),
    });
  });
  afterAll(async () => {
    await Promise.all(others.map((app) => app.stop()));
    await projector?.stop();
    await db?.drop();
  });

  async function jobRows(): Promise<number> {
    const { rows } = await db.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM projection_rebuilds',
    );
    return Number(rows[0].n);
  }

  it('closes a connection at a huge length prefix, and keeps serving', async () => {
    const socket = await connect(rpcPort);
    socket.on('error', () => undefined);
    const closed = closedWithin(socket, 2_000);
    // What the attack sent: a 2,000,000,000 length prefix, then as much as the server takes.
    socket.write('2000000000#');
    const megabyte = Buffer.alloc(1024 * 1024, 'a');
    for (let i = 0; i < 20 && !socket.destroyed; i++) socket.write(megabyte);
    expect(await closed).not.toBeNull();

    // No prefix at all: digits and no '#', or not digits.
    for (const bytes of ['9'.repeat(100_000), 'GET / HTTP/1.1\r\n\r\n']) {
      const other = await connect(rpcPort);
      other.on('error', () => undefined);
      const otherClosed = closedWithin(other, 2_000);
      other.write(bytes);
      expect(await otherClosed).not.toBeNull();
    }

    const reply = await exchange(rpcPort, rebuildCommand('after-the-attack'));
    expect(reply.err).toBeUndefined();
    expect(reply.response?.map((job) => job.projection)).toEqual(['click-buckets']);
    expect(projector.child.exitCode).toBeNull();
  });

  it(`holds at most ${MAX_RPC_CONNECTIONS} connections and closes idle ones`, async () => {
    const sockets = await Promise.all(
      Array.from({ length: MAX_RPC_CONNECTIONS + 4 }, () => connect(rpcPort)),
    );
    for (const socket of sockets) socket.on('error', () => undefined);
    const closedAt = await Promise.all(sockets.map((socket) => closedWithin(socket, 1_000)));
    expect(closedAt.filter((ms) => ms !== null)).toHaveLength(4);

    // The survivors say nothing: the server closes them after the idle timeout.
    const survivors = sockets.filter((_, i) => closedAt[i] === null);
    const idle = await Promise.all(
      survivors.map((socket) => closedWithin(socket, RPC_IDLE_TIMEOUT_MS + 5_000)),
    );
    expect(idle.every((ms) => ms !== null)).toBe(true);

    const reply = await exchange(rpcPort, rebuildCommand('after-the-crowd'));
    expect(reply.response?.map((job) => job.projection)).toEqual(['click-buckets']);
  });

  it('closes a connection that keeps sending frames to hold its place', async () => {
    const socket = await connect(rpcPort);
    socket.on('error', () => undefined);
    const closed = closedWithin(socket, 5_000);
    // Complete, tiny, meaningless frames, each of which would reset an idle timer.
    socket.write('2#{}');
    await new Promise((r) => setTimeout(r, 200));
    socket.write('2#{}');
    expect(await closed).not.toBeNull();
  });

  it("refuses a replay of the API's command, captured on the wire", async () => {
    // Stand in for the projector, record what the API sends, and hang up.
    let captured = '';
    const fake: Server = createServer((socket) => {
      socket.on('data', (chunk) => {
        captured += chunk.toString('utf8');
        const hash = captured.indexOf('#');
        if (hash > 0 && captured.length - hash - 1 >= Number(captured.slice(0, hash)))
          socket.destroy();
      });
    });
    const fakePort = await freePort();
    await new Promise<void>((resolve) => fake.listen(fakePort, '127.0.0.1', resolve));
    try {
      const api = await startApp('api', {
        DATABASE_URL: db.url,
        ...TEST_SECRETS,
        PROJECTOR_RPC_PORT: String(fakePort),
      });
      others.push(api);
      await graphql(
        api.baseUrl,
        'mutation { rebuildProjections(projections: ["ad-catalog"]) { id } }',
        {},
        TEST_ADMIN_KEY,
      );
    } finally {
      await new Promise((resolve) => fake.close(resolve));
    }
    expect(captured).toContain('"credential"');

    // Delivered once, the captured command is the API's own and is obeyed...
    const rowsBefore = await jobRows();
    const first = await exchange(rpcPort, captured);
    expect(first.err).toBeUndefined();
    expect(first.response?.map((job) => job.projection)).toEqual(['ad-catalog']);
    expect(await jobRows()).toBe(rowsBefore + 1);
    // ...and delivered again, it is refused.
    const replayed = await exchange(rpcPort, captured);
    expect(replayed.err).toMatchObject({ kind: 'unauthenticated' });
    expect(replayed.response).toBeUndefined();
  });

  it('refuses a credential whose timestamp has expired, and creates no job', async () => {
    await db.pool.query('DELETE FROM projection_rebuilds');
    const stale = await exchange(rpcPort, rebuildCommand('stale', Date.now() - 5 * 60_000));
    expect(stale.err).toMatchObject({ kind: 'unauthenticated' });
    const future = await exchange(rpcPort, rebuildCommand('future', Date.now() + 5 * 60_000));
    expect(future.err).toMatchObject({ kind: 'unauthenticated' });
    expect(await jobRows()).toBe(0);
    // The same command with the time now is obeyed: it was the timestamp that was refused.
    const fresh = await exchange(rpcPort, rebuildCommand('fresh'));
    expect(fresh.err).toBeUndefined();
    expect(await jobRows()).toBe(1);
  });
});
