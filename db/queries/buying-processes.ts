import { and, asc, desc, eq } from 'drizzle-orm';
import { notFound } from '../../lib/errors.js';
import type { BuyingPhase, BuyingProcessMapSummary, BuyingProcessState, PersonaStage } from '../../schemas/buying-process.js';
import type { Database } from '../client.js';
import { buyingProcessMaps, buyingProcessStages, personas, wizardSessions } from '../schema.js';

export type SaveMapInput = { workspaceId: string; sessionId: string; phase: BuyingPhase; map: BuyingProcessState };

/** Upserts the map row of a session and rewrites its stages; runs inside the turn's transaction. */
export async function saveBuyingProcessMap(db: Database, { workspaceId, sessionId, phase, map }: SaveMapInput): Promise<void> {
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
    updatedAt: new Date(),
  };
  await db
    .insert(buyingProcessMaps)
    .values({ id: sessionId, ...row })
    .onConflictDoUpdate({ target: buyingProcessMaps.id, set: row });
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
        phase: row.map.phase as BuyingPhase,
        map: { ...row.map.data, persona_id: row.map.personaId },
        updatedAt: row.map.updatedAt.toISOString(),
      };
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
