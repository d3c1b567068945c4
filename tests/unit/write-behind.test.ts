import { expect, test } from 'vitest';
import { writeBehind } from '../../lib/write-behind.js';

/** A write that stores batches and can be held open until released. */
function fakeStore() {
  const batches: number[][] = [];
  let held: Promise<void> | undefined;
  let release = () => {};
  return {
    batches,
    written: () => batches.flat(),
    hold() {
      held = new Promise((r) => (release = r));
    },
    release: () => release(),
    async write(records: number[]) {
      await held;
      batches.push([...records]);
    },
  };
}

const ticks = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a burst of records all arrive, in few batches none larger than the limit, and adding never waits for the write', async () => {
  const store = fakeStore();
  store.hold();
  const queue = writeBehind({ write: (r: number[]) => store.write(r), what: 'test record', maxBatch: 50, delayMs: 5 });
  const ids = Array.from({ length: 1000 }, (_, i) => i);
  // Every add resolves while the store is still held: the caller is never kept waiting for it.
  await Promise.all(ids.map((i) => queue.add(i)));
  expect(store.written()).toEqual([]);
  store.release();
  await queue.flush();
  expect([...store.written()].sort((a, b) => a - b)).toEqual(ids);
  expect(store.batches.length).toBeLessThanOrEqual(1000 / 50 + 1);
  expect(Math.max(...store.batches.map((b) => b.length))).toBeLessThanOrEqual(50);
  expect(queue.pending()).toBe(0);
});

test('records wait at most the delay before they are written, without anyone flushing', async () => {
  const store = fakeStore();
  const queue = writeBehind({ write: (r: number[]) => store.write(r), what: 'test record', delayMs: 10 });
  await queue.add(1);
  await queue.add(2);
  expect(store.written()).toEqual([]);
  await ticks(60);
  expect(store.batches).toEqual([[1, 2]]);
});

test('flush (what shutdown calls) writes every queued record at once, also those queued while a batch was being written', async () => {
  const store = fakeStore();
  const queue = writeBehind({ write: (r: number[]) => store.write(r), what: 'test record', delayMs: 60_000 });
  for (let i = 0; i < 5; i++) await queue.add(i);
  store.hold();
  const flushed = queue.flush();
  await ticks(5);
  // These arrive after the first batch was taken and before its write finished.
  for (let i = 5; i < 8; i++) await queue.add(i);
  store.release();
  await flushed;
  expect(store.written().sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
});

test('a failed write is logged, never thrown at the caller; the rest of its batch is still written', async () => {
  const lines: string[] = [];
  const written: number[] = [];
  const queue = writeBehind({
    write: async (records: number[]) => {
      if (records.includes(13)) throw new Error('value too long for type character varying(80)');
      written.push(...records);
    },
    what: 'usage record',
    delayMs: 1,
    log: (l) => lines.push(l),
  });
  await Promise.all([1, 2, 13, 4].map((i) => queue.add(i)));
  await queue.flush();
  expect(written.sort((a, b) => a - b)).toEqual([1, 2, 4]);
  expect(lines).toEqual(['usage record failed for 1 of 4: value too long for type character varying(80)']);
  // The queue keeps working after a failure.
  await queue.add(5);
  await queue.flush();
  expect(written).toContain(5);
});

test('with the database away, every record fails alone and is logged once per batch; nothing rejects', async () => {
  const lines: string[] = [];
  const queue = writeBehind({
    write: async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    },
    what: 'usage record',
    delayMs: 1,
    log: (l) => lines.push(l),
  });
  await expect(Promise.all([1, 2, 3].map((i) => queue.add(i)))).resolves.toBeDefined();
  await queue.flush();
  expect(lines).toEqual(['usage record failed for 3 of 3: connect ECONNREFUSED 127.0.0.1:5432']);
});

test('bounded: past maxPending, adding waits for the batch being written instead of dropping records', async () => {
  const store = fakeStore();
  const queue = writeBehind({ write: (r: number[]) => store.write(r), what: 'test record', maxBatch: 4, maxPending: 4, delayMs: 60_000 });
  store.hold();
  for (let i = 0; i < 4; i++) await queue.add(i); // the fourth fills a batch: its write starts, and is held
  for (let i = 4; i < 8; i++) await queue.add(i); // queued behind it, up to maxPending
  let ninthIn = false;
  const ninth = queue.add(8).then(() => (ninthIn = true));
  await ticks(10);
  expect(ninthIn).toBe(false);
  expect(queue.pending()).toBe(4);
  store.release();
  await ninth;
  await queue.flush();
  expect(store.written().sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
});
