import { expect, test } from 'vitest';
import { memoryWizardStore } from '../helpers/memory-wizard-store.js';

// The in-memory store the flow tests use keeps the promises of the database one (tests/db/queries.test.ts).
const workspaceId = 'workspace-1';
const newSession = (store = memoryWizardStore()) => ({ store, first: store.create({ workspaceId, flow: 'test', phase: 'a', state: { n: 0 }, title: 't' }) });

test('commits chain snapshots and bump the version; head and snapshot read them back', async () => {
  const { store, first: created } = newSession();
  const first = await created;
  expect(first).toMatchObject({ version: 1, parentId: null, phase: 'a', state: { n: 0 } });
  const second = await store.commit({ workspaceId, sessionId: first.sessionId, expectedVersion: 1, parentId: first.id, phase: 'b', state: { n: 1 } });
  expect(second).toMatchObject({ version: 2, parentId: first.id, phase: 'b', state: { n: 1 } });
  expect(await store.head({ workspaceId, sessionId: first.sessionId, flow: 'test' })).toEqual(second);
  expect(await store.snapshot({ workspaceId, snapshotId: first.id })).toEqual(first);
});

test('two writers from the same version: exactly one wins, the other gets a conflict and writes nothing, effects included', async () => {
  const { store, first: created } = newSession();
  const first = await created;
  const attempt = (n: number) =>
    store.commit({
      workspaceId,
      sessionId: first.sessionId,
      expectedVersion: 1,
      parentId: first.id,
      phase: 'x',
      state: { n },
      effects: [{ kind: 'saveBuyingProcessMap', phase: 'intro', map: { n } as never }],
    });
  const results = await Promise.allSettled([attempt(1), attempt(2)]);
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
  expect(rejected.reason).toMatchObject({ code: 'conflict', details: { expectedVersion: 1, currentVersion: 2 } });
  expect(store.effects).toEqual([{ sessionId: first.sessionId, effect: { kind: 'saveBuyingProcessMap', phase: 'intro', map: { n: 1 } } }]);
  expect((await store.head({ workspaceId, sessionId: first.sessionId, flow: 'test' })).version).toBe(2);
});

test('another workspace or another flow cannot read or change a session; stored state is a copy', async () => {
  const { store, first: created } = newSession();
  const first = await created;
  await expect(store.head({ workspaceId: 'other', sessionId: first.sessionId, flow: 'test' })).rejects.toMatchObject({ code: 'not_found' });
  await expect(store.head({ workspaceId, sessionId: first.sessionId, flow: 'otherFlow' })).rejects.toMatchObject({ code: 'not_found' });
  await expect(store.snapshot({ workspaceId: 'other', snapshotId: first.id })).rejects.toMatchObject({ code: 'not_found' });
  await expect(
    store.commit({ workspaceId: 'other', sessionId: first.sessionId, expectedVersion: 1, parentId: first.id, phase: 'x', state: {} }),
  ).rejects.toMatchObject({ code: 'not_found' });
  (first.state as { n: number }).n = 99;
  expect((await store.head({ workspaceId, sessionId: first.sessionId, flow: 'test' })).state).toEqual({ n: 0 });
});
