import { and, asc, eq, sql } from 'drizzle-orm';
import type { ZodError } from 'zod';
import { AppError, staleVersion } from '../../lib/errors.js';
import type { Actor } from '../../lib/scope.js';
import { describeFieldErrors, fieldErrors } from '../../lib/validation.js';
import { memoryKeyLabel, RememberInputSchema, type MemoryFact, type MemorySource, type RememberInput } from '../../schemas/memory.js';
import type { Database } from '../client.js';
import { users, workspaceMemory, type WorkspaceMemoryRow } from '../schema.js';

type FactRow = WorkspaceMemoryRow & { createdByName: string | null };

/** A person's word: written or confirmed by someone, in the app or the intake form. A guess never replaces it. */
const isPersonsWord = (source: MemorySource) => source !== 'INFERRED';

const sameGuess = (r: WorkspaceMemoryRow, input: { value: string; confidence?: number | undefined; learnedFrom?: string | undefined }) =>
  r.value === input.value && r.confidence === input.confidence && r.learnedFrom === (input.learnedFrom ?? null);

const isExpired = (r: WorkspaceMemoryRow, now = new Date()) => r.expiresAt !== null && r.expiresAt.getTime() <= now.getTime();

const toDto = (r: FactRow): MemoryFact => ({
  key: r.key,
  label: memoryKeyLabel(r.key),
  value: r.value,
  source: r.source,
  confidence: r.confidence,
  visible: r.visible,
  editable: r.editable,
  expiresAt: r.expiresAt?.toISOString() ?? null,
  expired: isExpired(r),
  learnedFrom: r.learnedFrom,
  createdBy: r.createdBy && r.createdByName ? { userId: r.createdBy, name: r.createdByName } : null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  version: r.version,
});

function invalid(error: ZodError): AppError {
  const fields = fieldErrors(error);
  return new AppError('invalid', describeFieldErrors(fields), { fields });
}

/** The values a write sets: everything but the key, the workspace and the bookkeeping. */
type FactValues = Pick<WorkspaceMemoryRow, 'value' | 'source' | 'confidence' | 'visible' | 'editable' | 'expiresAt' | 'learnedFrom' | 'createdBy'>;

/**
 * Workspace memory: one fact per key per workspace. A live fact is one that has not expired; an
 * expired fact counts as absent everywhere (reads, precedence, versions a caller may expect).
 */
export function memoryQueries(db: Database) {
  const live = sql`(${workspaceMemory.expiresAt} is null or ${workspaceMemory.expiresAt} > now())`;
  const select = () =>
    db.select({ fact: workspaceMemory, createdByName: users.name }).from(workspaceMemory).leftJoin(users, eq(users.id, workspaceMemory.createdBy));
  const flatten = (r: { fact: WorkspaceMemoryRow; createdByName: string | null }): FactRow => ({ ...r.fact, createdByName: r.createdByName });

  /** The stored row whatever its expiry, for writes that must know what they replace. */
  const stored = async (workspaceId: string, key: string): Promise<FactRow | null> => {
    const [row] = await select().where(and(eq(workspaceMemory.workspaceId, workspaceId), eq(workspaceMemory.key, key)));
    return row ? flatten(row) : null;
  };

  /**
   * Writes over what is stored (nothing, or the row read just before), as one optimistic step: a
   * concurrent write in between makes this one a conflict, never a silent overwrite.
   */
  const writeOver = async (workspaceId: string, key: string, current: FactRow | null, values: FactValues): Promise<MemoryFact> => {
    const now = new Date();
    const [row] = current
      ? await db
          .update(workspaceMemory)
          .set({ ...values, updatedAt: now, version: sql`${workspaceMemory.version} + 1` })
          .where(and(eq(workspaceMemory.workspaceId, workspaceId), eq(workspaceMemory.key, key), eq(workspaceMemory.version, current.version)))
          .returning()
      : await db
          .insert(workspaceMemory)
          .values({ workspaceId, key, ...values, createdAt: now, updatedAt: now })
          .onConflictDoNothing()
          .returning();
    if (!row) throw new AppError('conflict', `“${memoryKeyLabel(key)}” was changed elsewhere at the same moment. Reload to see the latest, then try again.`);
    const written = await stored(workspaceId, key);
    return toDto(written ?? { ...row, createdByName: null });
  };

  const get = async ({
    workspaceId,
    key,
    includeExpired = false,
  }: {
    workspaceId: string;
    key: string;
    includeExpired?: boolean;
  }): Promise<MemoryFact | null> => {
    const [row] = await select().where(and(eq(workspaceMemory.workspaceId, workspaceId), eq(workspaceMemory.key, key), includeExpired ? undefined : live));
    return row ? toDto(flatten(row)) : null;
  };

  return {
    get,

    /** Every fact, by key; each says whether it is `visible`. Expired facts only when asked for. */
    async list({ workspaceId, includeExpired = false }: { workspaceId: string; includeExpired?: boolean }): Promise<MemoryFact[]> {
      const rows = await select()
        .where(and(eq(workspaceMemory.workspaceId, workspaceId), includeExpired ? undefined : live))
        .orderBy(asc(workspaceMemory.key));
      return rows.map((r) => toDto(flatten(r)));
    },

    /**
     * What a flow (or the intake) learned. The precedence rule: an INFERRED fact never replaces a
     * live USER_PROVIDED or INTAKE_FORM one (`written: false`, the kept fact is returned); a
     * person's word always replaces what is there. An expired fact counts as absent.
     */
    async remember({ workspaceId, actor, ...input }: RememberInput & { workspaceId: string; actor: Actor }): Promise<{ fact: MemoryFact; written: boolean }> {
      const parsed = RememberInputSchema.safeParse(input);
      if (!parsed.success) throw invalid(parsed.error);
      const r = parsed.data;
      const current = await stored(workspaceId, r.key);
      if (current && !isExpired(current) && r.source === 'INFERRED' && isPersonsWord(current.source)) return { fact: toDto(current), written: false };
      // The same guess learned again changes nothing: no new version for it.
      if (current && !isExpired(current) && r.source === 'INFERRED' && current.source === 'INFERRED' && sameGuess(current, r))
        return { fact: toDto(current), written: false };
      const fact = await writeOver(workspaceId, r.key, current, {
        value: r.value,
        source: r.source,
        confidence: r.confidence ?? 1,
        visible: r.visible ?? true,
        editable: r.editable ?? true,
        expiresAt: r.expiresAt ?? null,
        learnedFrom: r.learnedFrom ?? null,
        createdBy: actor.userId,
      });
      return { fact, written: true };
    },

    /**
     * A person's edit or confirmation: the fact becomes their word (USER_PROVIDED unless they say it
     * is from the intake form), certain, without expiry. `expectedVersion` is the version they
     * started from (0: there was none); stale → conflict, nothing written. Left out: unconditional.
     */
    async put({
      workspaceId,
      key,
      value,
      source = 'USER_PROVIDED',
      expectedVersion,
      actor,
    }: {
      workspaceId: string;
      key: string;
      value: string;
      source?: Exclude<MemorySource, 'INFERRED'>;
      expectedVersion?: number;
      actor: Actor;
    }): Promise<{ fact: MemoryFact; created: boolean }> {
      const parsed = RememberInputSchema.safeParse({ key, value, source });
      if (!parsed.success) throw invalid(parsed.error);
      const current = await stored(workspaceId, parsed.data.key);
      const liveCurrent = current && !isExpired(current) ? current : null;
      if (expectedVersion !== undefined && expectedVersion !== (liveCurrent?.version ?? 0)) throw staleVersion(expectedVersion, liveCurrent?.version ?? 0);
      if (liveCurrent && !liveCurrent.editable)
        throw new AppError('forbidden', `“${memoryKeyLabel(key)}” is kept by personaflow and cannot be edited here; you can delete it.`);
      const fact = await writeOver(workspaceId, parsed.data.key, current, {
        value: parsed.data.value,
        source,
        confidence: 1,
        visible: true,
        editable: true,
        expiresAt: null,
        // The person's word now: what a flow once guessed is no longer where it came from.
        learnedFrom: null,
        createdBy: actor.userId,
      });
      return { fact, created: !liveCurrent };
    },

    /** Forgets a fact (expired or not); null when there was none. */
    async delete({ workspaceId, key }: { workspaceId: string; key: string }): Promise<MemoryFact | null> {
      const gone = await stored(workspaceId, key);
      if (!gone) return null;
      await db.delete(workspaceMemory).where(and(eq(workspaceMemory.workspaceId, workspaceId), eq(workspaceMemory.key, key)));
      return toDto(gone);
    },
  };
}
