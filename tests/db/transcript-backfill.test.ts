import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, expect, test } from 'vitest';
import { IN_MEMORY, openDatabase } from '../../db/client.js';
import { migrationsFolder } from '../../db/migrate.js';
import { migrationsBefore } from '../helpers/migrations-before.js';
import { transcriptQueries } from '../../db/queries/transcripts.js';
import type { Database } from '../../db/client.js';

// Migration 0014 stores conversations as rows: sessions from before it keep their messages (as rows
// of no turn, in order) and every snapshot its message count, so their next turn continues them.

const dir = mkdtempSync(path.join(tmpdir(), 'pf-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a session stored before transcripts keeps its conversation, in order, and its snapshots' counts", async () => {
  migrationsBefore('0014_session-transcripts', dir);

  const handle = await openDatabase({ dataDir: IN_MEMORY });
  try {
    const db = drizzle(handle.pglite!);
    await migrate(db, { migrationsFolder: dir });
    const messages = [
      { role: 'assistant', text: 'Hi! Who is the buyer?', at: '2026-11-01T10:00:00.000Z' },
      { role: 'user', text: 'A CFO\nat a bank', at: '2026-11-01T10:01:00.000Z' },
      { role: 'assistant', text: 'Got it.', at: '2026-11-01T10:01:00.000Z' },
    ];
    const one = async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: T[] }).rows[0]!;
    const { id: workspaceId } = await one<{ id: string }>(sql`insert into workspaces (slug, name) values ('w', 'W') returning id`);
    const { id: sessionId } = await one<{ id: string }>(
      sql`insert into wizard_sessions (workspace_id, flow, version) values (${workspaceId}, 'personaDefinition', 2) returning id`,
    );
    const first = await one<{ id: string }>(sql`insert into wizard_snapshots (workspace_id, session_id, version, phase, state)
      values (${workspaceId}, ${sessionId}, 1, 'who', ${JSON.stringify({ messages: messages.slice(0, 1) })}::jsonb) returning id`);
    const head = await one<{ id: string }>(sql`insert into wizard_snapshots (workspace_id, session_id, parent_id, version, phase, state)
      values (${workspaceId}, ${sessionId}, ${first.id}, 2, 'who', ${JSON.stringify({ messages })}::jsonb) returning id`);
    await db.execute(sql`update wizard_sessions set head_snapshot_id = ${head.id} where id = ${sessionId}`);

    await migrate(db, { migrationsFolder });
    const counts = (await db.execute(sql`select version, message_count from wizard_snapshots order by version`)) as unknown as {
      rows: Array<{ version: number; message_count: number }>;
    };
    expect(counts.rows).toEqual([
      { version: 1, message_count: 1 },
      { version: 2, message_count: 3 },
    ]);
    const transcripts = transcriptQueries(db as unknown as Database);
    const page = await transcripts.messages({ workspaceId, sessionId, limit: 50 });
    expect(page.messages.map(({ role, text, at, position }) => ({ role, text, at, position }))).toEqual(messages.map((m, position) => ({ ...m, position })));
    const transcript = await transcripts.transcript({ workspaceId, sessionId });
    expect(transcript.earlier.map((m) => m.text)).toEqual(messages.map((m) => m.text));
    expect(transcript.turns).toEqual([]);
  } finally {
    await handle.close();
  }
});
