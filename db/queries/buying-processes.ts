import { and, asc, desc, eq } from 'drizzle-orm';
import { libraryChanged, notFound } from '../../lib/errors.js';
import type { BuyingPhase, BuyingProcessMapSummary, BuyingProcessState, PersonaStage } from '../../schemas/buying-process.js';
import type { Database } from '../client.js';
import { buyingProcessMaps, buyingProcessMapVersions, buyingProcessStages, personas, wizardSessions } from '../schema.js';

export type SaveMapInput = {
  workspaceId: string;
  sessionId: string;
  phase: BuyingPhase;
  map: BuyingProcessState;
  /** The map version the session is based on; undefined: the session's first turn creates the map (version 1). */
  baseVersion?: number;
  /** false: the turn left the map's content as it was, so only the phase is recorded (no new version, no conflict). */
  changed?: boolean;
};

/** The map as the library holds it, for a conflict's body. */
export type LibraryMap = { id: string; version: number; map: BuyingProcessState };

/**
 * Upserts the map row of a session and rewrites its stages; runs inside the turn's transaction.
 * A changed map becomes the next version, if the library copy is still at baseVersion; otherwise a
 * conflict carries the library's copy and the turn writes nothing.
 */
export async function saveBuyingProcessMap(db: Database, { workspaceId, sessionId, phase, map, baseVersion, changed = true }: SaveMapInput): Promise<void> {
  const [existing] = await db
    .select()
    .from(buyingProcessMaps)
    .where(and(eq(buyingProcessMaps.id, sessionId), eq(buyingProcessMaps.workspaceId, workspaceId)))
    .for('update');
  if (existing && !changed) {
    await db.update(buyingProcessMaps).set({ phase }).where(eq(buyingProcessMaps.id, sessionId));
    return;
  }
  if (existing && baseVersion !== undefined && baseVersion !== existing.version) {
    throw libraryChanged<LibraryMap>(`The buying-process map “${existing.personaName || 'Untitled'}”`, {
      kind: 'buyingProcessMap',
      id: sessionId,
      baseVersion,
      currentVersion: existing.version,
      current: { id: sessionId, version: existing.version, map: { ...existing.data, persona_id: existing.personaId } },
    });
  }
  const version = existing ? existing.version + 1 : 1;
  await writeMap(db, { workspaceId, sessionId, phase, map, version, source: 'wizard' });
}

async function writeMap(
  db: Database,
  args: {
    workspaceId: string;
    sessionId: string;
    phase: string;
    map: BuyingProcessState;
    version: number;
    source: 'wizard' | 'restore';
    restoredFrom?: number;
  },
): Promise<void> {
  const { workspaceId, sessionId, phase, map, version } = args;
  // A persona deleted from the library since it was picked leaves the map unlinked, not broken.
  let personaId: string | null = null;
  if (map.persona_id) {
    const [p] = await db
      .select({ id: personas.id })
      .from(personas)
      .where(and(eq(personas.id, map.persona_id), eq(personas.workspaceId, workspaceId)));
    personaId = p?.id ?? null;
  }
  const row = {
    workspaceId,
    personaId,
    personaName: map.persona_name,
    status: map.status,
    phase,
    stageCount: map.buying_stages.length,
    data: map,
    version,
    updatedAt: new Date(),
  };
  await db
    .insert(buyingProcessMaps)
    .values({ id: sessionId, ...row })
    .onConflictDoUpdate({ target: buyingProcessMaps.id, set: row });
  await db
    .insert(buyingProcessMapVersions)
    .values({ workspaceId, mapId: sessionId, version, data: map, source: args.source, restoredFrom: args.restoredFrom ?? null });
  await db.delete(buyingProcessStages).where(eq(buyingProcessStages.mapId, sessionId));
  if (map.buying_stages.length > 0) {
    await db.insert(buyingProcessStages).values(
      map.buying_stages.map((s, position) => ({
        workspaceId,
        mapId: sessionId,
        personaId,
        position,
        stageName: s.stage_name,
        buyerActions: s.buyer_actions,
        duration: s.duration,
        keyInfluencers: s.key_influencers,
        sellerActions: s.seller_actions,
        contentType: s.content_type,
        keyMessage: s.key_message,
      })),
    );
  }
}

export function buyingProcessQueries(db: Database) {
  return {
    async list({ workspaceId }: { workspaceId: string }): Promise<BuyingProcessMapSummary[]> {
      const rows = await db.select().from(buyingProcessMaps).where(eq(buyingProcessMaps.workspaceId, workspaceId)).orderBy(desc(buyingProcessMaps.updatedAt));
      return rows.map((r) => ({
        id: r.id,
        persona_id: r.personaId,
        persona_name: r.personaName,
        status: r.status,
        stageCount: r.stageCount,
        phase: r.phase as BuyingPhase,
        updatedAt: r.updatedAt.toISOString(),
      }));
    },

    async get({ workspaceId, id }: { workspaceId: string; id: string }) {
      const [row] = await db
        .select({ map: buyingProcessMaps, version: wizardSessions.version })
        .from(buyingProcessMaps)
        .innerJoin(wizardSessions, eq(wizardSessions.id, buyingProcessMaps.id))
        .where(and(eq(buyingProcessMaps.id, id), eq(buyingProcessMaps.workspaceId, workspaceId)));
      if (!row) throw notFound('Buying process map');
      return {
        id: row.map.id,
        version: row.version,
        /** The map's own version (its content); `version` is its wizard session's. */
        mapVersion: row.map.version,
        phase: row.map.phase as BuyingPhase,
        map: { ...row.map.data, persona_id: row.map.personaId },
        updatedAt: row.map.updatedAt.toISOString(),
      };
    },

    /** Every version of a map's content, oldest first. */
    async versions({ workspaceId, id }: { workspaceId: string; id: string }) {
      const rows = await db
        .select()
        .from(buyingProcessMapVersions)
        .where(and(eq(buyingProcessMapVersions.mapId, id), eq(buyingProcessMapVersions.workspaceId, workspaceId)))
        .orderBy(asc(buyingProcessMapVersions.version));
      return rows.map((r) => ({ version: r.version, data: r.data, source: r.source, restoredFrom: r.restoredFrom, createdAt: r.createdAt.toISOString() }));
    },

    /**
     * "Restore this version": the map's next version takes the old version's content (nothing is
     * lost). Its wizard session is then behind the map; its next change is refused until the person
     * chooses between the two. With expectedVersion, refused if the map moved on since.
     */
    async restore({ workspaceId, id, version, expectedVersion }: { workspaceId: string; id: string; version: number; expectedVersion?: number }) {
      return db.transaction(async (t) => {
        const tx = t as unknown as Database;
        const [current] = await tx
          .select()
          .from(buyingProcessMaps)
          .where(and(eq(buyingProcessMaps.id, id), eq(buyingProcessMaps.workspaceId, workspaceId)))
          .for('update');
        if (!current) throw notFound('Buying process map');
        const [old] = await tx
          .select()
          .from(buyingProcessMapVersions)
          .where(and(eq(buyingProcessMapVersions.mapId, id), eq(buyingProcessMapVersions.version, version)));
        if (!old) throw notFound(`Version ${version} of this map`);
        if (expectedVersion !== undefined && expectedVersion !== current.version) {
          throw libraryChanged<LibraryMap>(`The buying-process map “${current.personaName || 'Untitled'}”`, {
            kind: 'buyingProcessMap',
            id,
            baseVersion: expectedVersion,
            currentVersion: current.version,
            current: { id, version: current.version, map: { ...current.data, persona_id: current.personaId } },
          });
        }
        const map = { ...old.data, last_updated_at: new Date().toISOString() };
        await writeMap(tx, { workspaceId, sessionId: id, phase: current.phase, map, version: current.version + 1, source: 'restore', restoredFrom: version });
        return { id, mapVersion: current.version + 1, map };
      });
    },

    /** Every stage of every map of a persona, in order: what later flows (email drafting) build on. */
    async stagesForPersona({ workspaceId, personaId }: { workspaceId: string; personaId: string }): Promise<PersonaStage[]> {
      const rows = await db
        .select({ stage: buyingProcessStages, status: buyingProcessMaps.status })
        .from(buyingProcessStages)
        .innerJoin(buyingProcessMaps, eq(buyingProcessMaps.id, buyingProcessStages.mapId))
        .where(and(eq(buyingProcessStages.workspaceId, workspaceId), eq(buyingProcessStages.personaId, personaId)))
        .orderBy(desc(buyingProcessMaps.updatedAt), asc(buyingProcessStages.position));
      return rows.map(({ stage, status }) => ({
        mapId: stage.mapId,
        status,
        position: stage.position,
        stage_name: stage.stageName,
        content_type: stage.contentType,
        key_message: stage.keyMessage,
        buyer_actions: stage.buyerActions,
        seller_actions: stage.sellerActions,
      }));
    },
  };
}
