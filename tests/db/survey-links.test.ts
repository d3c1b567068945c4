import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { optionsFromRules } from '../../db/queries/survey-links.js';
import { createTestDb, drivers, type TestDb } from '../helpers/db.js';
import { personaWithRules } from '../helpers/persona-rules.js';

// The public survey link of a workspace: one per workspace, an unguessable token, closed and
// reopened, regenerated (the old token stops resolving), and the choices its form offers.

describe.each(drivers)('survey links on %s', (driver) => {
  let db: TestDb;
  let other: string;
  beforeAll(async () => {
    db = await createTestDb(driver);
    other = await db.queries.workspaces.create({ slug: 'other-survey', name: 'Other' });
  });
  afterAll(() => db?.close());
  const links = () => db.queries.surveyLinks;

  test('none until created; created open with a 32-byte base64url token that resolves to its workspace', async () => {
    expect(await links().get({ workspaceId: db.workspaceId })).toBeNull();
    expect(await links().setOpen({ workspaceId: db.workspaceId, open: false })).toBeNull();
    const made = await links().create({ workspaceId: db.workspaceId });
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(made.token, 'base64url')).toHaveLength(32);
    expect(made.open).toBe(true);
    expect(await links().get({ workspaceId: db.workspaceId })).toEqual(made);
    expect(await links().byToken({ token: made.token })).toEqual({ workspaceId: db.workspaceId, open: true });
    expect(await links().byToken({ token: 'not-a-token' })).toBeNull();
    expect(await links().get({ workspaceId: other })).toBeNull();
  });

  test('closing and reopening is seen through the token; regenerating replaces the token and keeps the state', async () => {
    const first = (await links().get({ workspaceId: db.workspaceId }))!;
    const closed = await links().setOpen({ workspaceId: db.workspaceId, open: false });
    expect(closed).toMatchObject({ token: first.token, open: false });
    expect(await links().byToken({ token: first.token })).toEqual({ workspaceId: db.workspaceId, open: false });

    const second = await links().create({ workspaceId: db.workspaceId });
    expect(second.token).not.toBe(first.token);
    expect(second.open).toBe(false);
    expect(await links().byToken({ token: first.token })).toBeNull();
    expect(await links().byToken({ token: second.token })).toEqual({ workspaceId: db.workspaceId, open: false });

    expect(await links().setOpen({ workspaceId: db.workspaceId, open: true })).toMatchObject({ token: second.token, open: true });
    expect(await links().byToken({ token: second.token })).toEqual({ workspaceId: db.workspaceId, open: true });
  });

  test('each workspace has its own link; changing one leaves the other as it was', async () => {
    const mine = (await links().get({ workspaceId: db.workspaceId }))!;
    const theirs = await links().create({ workspaceId: other });
    expect(theirs.token).not.toBe(mine.token);
    await links().setOpen({ workspaceId: other, open: false });
    expect(await links().get({ workspaceId: db.workspaceId })).toEqual(mine);
    expect(await links().byToken({ token: theirs.token })).toEqual({ workspaceId: other, open: false });
  });

  test("the survey's choices: every persona's rule values, each once, case ignored, first spelling kept, workspace's own only", async () => {
    expect(await links().surveyOptions({ workspaceId: db.workspaceId })).toEqual({ locations: [], occupations: [], genders: [], goals: [], frustrations: [] });
    await personaWithRules(db, db.workspaceId, 'Ops Olivia', {
      age: { min: 30, max: 50 },
      locations: ['Berlin', 'Lisbon'],
      occupations: ['Head of Ops'],
      goals: ['Fewer delays', 'One view of every shipment'],
      frustrations: ['Spreadsheets'],
    });
    await personaWithRules(db, db.workspaceId, 'Finance Finn', {
      locations: ['berlin', ' Paris '],
      occupations: ['CFO', 'HEAD OF OPS'],
      genders: ['Woman'],
      goals: ['fewer delays', 'Predictable costs'],
      frustrations: [],
    });
    await personaWithRules(db, other, 'Elsewhere Eve', { goals: ['Secret goal'], locations: ['Oslo'] });

    expect(await links().surveyOptions({ workspaceId: db.workspaceId })).toEqual({
      locations: ['Berlin', 'Lisbon', 'Paris'],
      occupations: ['Head of Ops', 'CFO'],
      genders: ['Woman'],
      goals: ['Fewer delays', 'One view of every shipment', 'Predictable costs'],
      frustrations: ['Spreadsheets'],
    });
    expect(await links().surveyOptions({ workspaceId: other })).toMatchObject({ goals: ['Secret goal'], locations: ['Oslo'] });
  });
});

test('options from rules: lists missing or empty give nothing, blank values are skipped', () => {
  expect(optionsFromRules([{}, { goals: [] }, { goals: ['  ', 'Grow'] }, { genders: ['Man', 'man', 'Non-binary'] }])).toEqual({
    locations: [],
    occupations: [],
    genders: ['Man', 'Non-binary'],
    goals: ['Grow'],
    frustrations: [],
  });
});
