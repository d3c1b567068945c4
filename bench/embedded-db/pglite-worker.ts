// Worker thread: one PGlite on a data folder, served over the Postgres wire protocol on 127.0.0.1
// (a free port). The main thread talks to it with a `pg` Pool, so the WASM engine's CPU time is no
// longer spent on the HTTP server's event loop.
//
// PGlite is one session. pglite-socket 0.2.17's multiplexer (PGLiteSocketServer, maxConnections > 1)
// interleaves single protocol messages of different connections: with a `pg` Pool under load one
// connection's Bind/Execute lands on another's unnamed statement ("portal "" does not exist",
// seen on the first 300-row import). So this worker multiplexes by itself: a connection's messages
// are buffered up to their Sync (or a simple Query), the batch runs with the engine held, and a
// connection that leaves a transaction open keeps the engine until its transaction ends (other
// connections wait; a connection that drops mid-transaction is rolled back).
// PGLITE_WORKER_MUX=socket uses pglite-socket's own server instead (to show the failure).
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dir, maxConnections } = workerData as { dir: string; maxConnections: number };
const t0 = performance.now();
const db = await PGlite.create(dir);

type Conn = { socket: net.Socket; buf: Buffer; started: boolean; pending: Uint8Array[] };
let owner: Conn | null = null;
const engine: Promise<void> = Promise.resolve();
const waiting: Array<() => void> = [];

/** Runs `work` with the engine held by `conn`; keeps holding it while `conn` is inside a transaction. */
function withEngine(conn: Conn, work: () => Promise<void>): Promise<void> {
  const run = async () => {
    owner = conn;
    try {
      await work();
    } finally {
      if (!db.isInTransaction() || conn.socket.destroyed) {
        if (db.isInTransaction()) await db.exec('ROLLBACK').catch(() => {});
        owner = null;
        waiting.shift()?.();
      }
    }
  };
  if (owner === conn) return run();
  return new Promise<void>((resolve, reject) => {
    const go = () => run().then(resolve, reject);
    if (owner === null && waiting.length === 0) go();
    else waiting.push(go);
  });
}

async function execBatch(conn: Conn, messages: Uint8Array[]) {
  await withEngine(conn, async () => {
    for (const m of messages) {
      await db.execProtocolRawStream(m, { onRawData: (d) => void (d.length && conn.socket.writable && conn.socket.write(d)) });
    }
  });
}

function onData(conn: Conn, chunk: Buffer) {
  conn.buf = Buffer.concat([conn.buf, chunk]);
  const batches: Uint8Array[][] = [];
  for (;;) {
    if (!conn.started) {
      if (conn.buf.length < 8) break;
      const len = conn.buf.readInt32BE(0);
      const code = conn.buf.readInt32BE(4);
      if (conn.buf.length < len) break;
      const msg = conn.buf.subarray(0, len);
      conn.buf = conn.buf.subarray(len);
      if (code === 80877103 || code === 80877104) {
        conn.socket.write('N'); // no SSL / GSS
        continue;
      }
      if (code === 80877102) continue; // CancelRequest: not supported
      conn.started = true;
      batches.push([new Uint8Array(msg)]);
      continue;
    }
    if (conn.buf.length < 5) break;
    const len = 1 + conn.buf.readInt32BE(1);
    if (conn.buf.length < len) break;
    const type = String.fromCharCode(conn.buf[0]!);
    conn.pending.push(new Uint8Array(conn.buf.subarray(0, len)));
    conn.buf = conn.buf.subarray(len);
    // A batch ends where the client waits for an answer: Sync, simple Query, Flush, Terminate.
    if (type === 'S' || type === 'Q' || type === 'H' || type === 'X') batches.push(conn.pending.splice(0));
  }
  for (const b of batches) chain(conn, () => execBatch(conn, b));
}

// Per connection, batches run in order.
const chains = new WeakMap<Conn, Promise<void>>();
function chain(conn: Conn, f: () => Promise<void>) {
  const next = (chains.get(conn) ?? Promise.resolve()).then(f).catch((err) => {
    conn.socket.destroy(err as Error);
  });
  chains.set(conn, next);
}

let port: number;
let stop: () => Promise<void>;
if (process.env.PGLITE_WORKER_MUX === 'socket') {
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  port = Number(server.getServerConn().split(':').pop());
  stop = () => server.stop();
} else {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    const conn: Conn = { socket, buf: Buffer.alloc(0), started: false, pending: [] };
    socket.on('data', (d) => onData(conn, d));
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      // Dropped while holding the engine inside a transaction: roll it back and let the next one in.
      if (owner === conn) chain(conn, () => withEngine(conn, async () => {}));
    });
  });
  server.maxConnections = maxConnections;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
  stop = async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  };
}
parentPort!.postMessage({ type: 'listening', port, openMs: performance.now() - t0 });
parentPort!.on('message', async (m: { type: string }) => {
  if (m.type !== 'stop') return;
  await stop();
  await engine;
  await db.close();
  parentPort!.postMessage({ type: 'stopped' });
});
