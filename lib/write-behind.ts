import { loggableMessage } from './loggable.js';

// A bounded queue that writes records in batches behind the request that made them, so a write
// the request does not need the result of (a model call's usage record) never holds it. One batch
// is written at a time: whatever arrives meanwhile goes into the next, so under load many records
// share one INSERT. Nothing is dropped: when `maxPending` records wait, `add` waits for the batch
// being written; a batch that fails is written again record by record, so one bad record costs
// only itself, and what still fails is logged. `flush` writes everything queued (on shutdown, and
// before anything reads the records). Records queued but not yet written are lost only if the
// process is killed within `delayMs` of their call; a stop by signal flushes them first.

export type WriteBehind<T> = {
  /** Queues a record; resolves at once unless `maxPending` records are waiting. Never rejects. */
  add(record: T): Promise<void>;
  /** Resolves once every record queued before the call is written (or its failure logged). */
  flush(): Promise<void>;
  /** Records queued and not yet written. */
  pending(): number;
};

export type WriteBehindOptions<T> = {
  write(records: T[]): Promise<void>;
  /** Used in the log line of a failed write, e.g. "usage record". */
  what: string;
  /** Records in one write (default 200). */
  maxBatch?: number;
  /** Records waiting before `add` waits (default 10,000). */
  maxPending?: number;
  /** How long a first record waits for others before its batch is written (default 50 ms). */
  delayMs?: number;
  log?: (line: string) => void;
};

export function writeBehind<T>(options: WriteBehindOptions<T>): WriteBehind<T> {
  const { write, what, maxBatch = 200, maxPending = 10_000, delayMs = 50 } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const queue: T[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;

  /** Writes a batch; if it fails, each record alone. Logs once for what could not be written. */
  async function writeBatch(records: T[]) {
    try {
      await write(records);
      return;
    } catch (err) {
      if (records.length === 1) return log(`${what} failed: ${loggableMessage(err)}`);
    }
    let failed = 0;
    let first: unknown;
    for (const record of records) {
      try {
        await write([record]);
      } catch (err) {
        failed++;
        first ??= err;
      }
    }
    if (failed) log(`${what} failed for ${failed} of ${records.length}: ${loggableMessage(first)}`);
  }

  async function drain() {
    while (queue.length) await writeBatch(queue.splice(0, maxBatch));
  }

  function schedule() {
    if (queue.length >= maxBatch) void start();
    else timer ??= setTimeout(start, delayMs);
  }

  /** Starts writing now unless a write is under way (it takes the queue when it is done). */
  function start(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    writing ??= drain().finally(() => {
      writing = undefined;
      // Records that came in after the last batch was taken.
      if (queue.length) schedule();
    });
    return writing;
  }

  return {
    async add(record) {
      while (queue.length >= maxPending) await start();
      queue.push(record);
      if (!writing) schedule();
    },
    async flush() {
      // A write under way may have taken its batch before the newest records arrived: loop until empty.
      while (queue.length || writing) await start();
    },
    pending: () => queue.length,
  };
}
