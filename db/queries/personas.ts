import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { PersonaVersion, SavedPersona, SavePersonaInput } from '../../schemas/persona.js';
import { AppError, libraryChanged, notFound } from '../../lib/errors.js';
import type { Database } from '../client.js';
import { personas, personaVersions, type PersonaRow } from '../schema.js';
import { lockCounts, recountCoverage } from './match-scoring.js';

const toSaved = (row: PersonaRow): SavedPersona => ({
  id: row.id,
  version: row.version,
  data: row.data,
  evidence: row.evidence ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** Inserts the persona or appends a new version; the previous version is always kept. Runs inside the caller's transaction when given one. */
export async function savePersona(db: Database, input: SavePersonaInput): Promise<SavedPersona> {
  const { workspaceId, id, data, source, expectedVersion } = input;
  // Locks the row (if any) until the caller's transaction ends: a concurrent save waits, then sees the new version.
  const [existing] = await db.select().from(personas).where(eq(personas.id, id)).for('update');
  let row: PersonaRow | undefined;
  if (!existing) {
    // An editor's persona that was deleted meanwhile is gone; the wizard's is saved again.
    if (expectedVersion !== undefined && source !== 'wizard') throw notFound('Persona');
    [row] = await db
      .insert(personas)
      // A wizard re-saving a persona deleted from the library continues its numbering, as the session expects.
      .values({
        id,
        workspaceId,
        version: expectedVersion ? expectedVersion + 1 : 1,
        personName: data.personName,
        data,
        evidence: input.evidence ?? null,
        sourceSessionId: input.sourceSessionId,
      })
      .returning();
  } else {
    if (existing.workspaceId !== workspaceId) throw notFound('Persona');
    if (expectedVersion !== undefined && expectedVersion !== existing.version) {
      const [base] = expectedVersion
        ? await db
            .select({ data: personaVersions.data })
            .from(personaVersions)
            .where(and(eq(personaVersions.personaId, id), eq(personaVersions.version, expectedVersion)))
        : [];
      throw libraryChanged<SavedPersona>(`The persona “${existing.data.personName}”`, {
        kind: 'persona',
        id,
        baseVersion: expectedVersion,
        currentVersion: existing.version,
        current: toSaved(existing),
        ...(base ? { base: base.data } : {}),
      });
    }
    const versionClause = expectedVersion == null ? sql`true` : eq(personas.version, expectedVersion);
    [row] = await db
      .update(personas)
      .set({ version: sql`${personas.version} + 1`, personName: data.personName, data, evidence: input.evidence ?? null, updatedAt: new Date() })
      .where(and(eq(personas.id, id), eq(personas.workspaceId, workspaceId), versionClause))
      .returning();
    if (!row) throw new AppError('conflict', 'This persona was changed elsewhere while saving. Reload to see the latest, then try again.');
  }
  if (!row) throw new AppError('invalid', 'Persona could not be saved');
  await db
    .insert(personaVersions)
    .values({ workspaceId, personaId: id, version: row.version, data, evidence: input.evidence ?? null, source, restoredFrom: input.restoredFrom ?? null });
  return toSaved(row);
}

/**
 * "Restore this version": a NEW version with the old version's content (and evidence); nothing is
 * lost. With expectedVersion, refused like any other save if the library moved on since.
 */
export async function restorePersonaVersion(
  db: Database,
  { workspaceId, id, version, expectedVersion }: { workspaceId: string; id: string; version: number; expectedVersion?: number },
): Promise<SavedPersona> {
  const [old] = await db
    .select()
    .from(personaVersions)
    .where(and(eq(personaVersions.personaId, id), eq(personaVersions.workspaceId, workspaceId), eq(personaVersions.version, version)));
  if (!old) throw notFound(`Version ${version} of this persona`);
  return savePersona(db, {
    workspaceId,
    id,
    data: old.data,
    evidence: old.evidence ?? null,
    source: 'restore',
    restoredFrom: version,
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
  });
}

export function personaQueries(db: Database) {
  return {
    async list({ workspaceId }: { workspaceId: string }): Promise<SavedPersona[]> {
      const rows = await db.select().from(personas).where(eq(personas.workspaceId, workspaceId)).orderBy(desc(personas.updatedAt));
      return rows.map(toSaved);
    },

    async get({ workspaceId, id }: { workspaceId: string; id: string }): Promise<SavedPersona> {
      const [row] = await db
        .select()
        .from(personas)
        .where(and(eq(personas.id, id), eq(personas.workspaceId, workspaceId)));
      if (!row) throw notFound('Persona');
      return toSaved(row);
    },

    async versions({ workspaceId, id }: { workspaceId: string; id: string }): Promise<PersonaVersion[]> {
      const rows = await db
        .select()
        .from(personaVersions)
        .where(and(eq(personaVersions.personaId, id), eq(personaVersions.workspaceId, workspaceId)))
        .orderBy(asc(personaVersions.version));
      return rows.map((r) => ({ version: r.version, data: r.data, source: r.source, restoredFrom: r.restoredFrom, createdAt: r.createdAt.toISOString() }));
    },

    save: (input: SavePersonaInput) => db.transaction((tx) => savePersona(tx as unknown as Database, input)),

    restore: (input: { workspaceId: string; id: string; version: number; expectedVersion?: number }) =>
      db.transaction((tx) => restorePersonaVersion(tx as unknown as Database, input)),

    async delete({ workspaceId, id }: { workspaceId: string; id: string }): Promise<void> {
      await db.transaction(async (tx) => {
        await lockCounts(tx as unknown as Database, workspaceId, 'alone');
        const rows = await tx
          .delete(personas)
          .where(and(eq(personas.id, id), eq(personas.workspaceId, workspaceId)))
          .returning({ id: personas.id });
        if (rows.length === 0) throw notFound('Persona');
        // Its matches went with it: the responses only it covered are unmatched now.
        await recountCoverage(tx as unknown as Database, { workspaceId });
      });
    },
  };
}
