import { and, asc, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { notFound } from '../../lib/errors.js';
import type { Database } from '../client.js';
import { modelCalls, sessionMessages, sessionTurns, wizardSessions, type ModelCallRow, type SessionMessageRow } from '../schema.js';
import type { MessagePage, Transcript, TranscriptMessage, TurnModelCall } from '../../schemas/transcript.js';

const toCall = (row: ModelCallRow): TurnModelCall => ({
  prompt: row.prompt,
  promptVersion: row.promptVersion,
  provider: row.provider,
  model: row.model,
  inputTokens: row.inputTokens,
  outputTokens: row.outputTokens,
  tokensEstimated: row.tokensEstimated,
  latencyMs: row.latencyMs,
  success: row.success,
  at: row.createdAt.toISOString(),
});

const toMessage = (row: SessionMessageRow, writtenBy: TurnModelCall | null): TranscriptMessage => ({
  id: row.id,
  position: row.position,
  role: row.role,
  text: row.text,
  at: row.at.toISOString(),
  undoneInVersion: row.undoneInVersion,
  writtenBy: row.role === 'assistant' ? writtenBy : null,
});

function groupBy<T, V>(items: T[], key: (item: T) => string, value: (item: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(value(item));
    else groups.set(k, [value(item)]);
  }
  return groups;
}

export function transcriptQueries(db: Database) {
  const session = async (workspaceId: string, sessionId: string) => {
    const [row] = await db
      .select()
      .from(wizardSessions)
      .where(and(eq(wizardSessions.id, sessionId), eq(wizardSessions.workspaceId, workspaceId)));
    if (!row) throw notFound(`Session ${sessionId}`);
    return row;
  };

  return {
    /** The conversation as it stands (undone messages left out), the newest page first: `before` a position to page back from. */
    async messages({
      workspaceId,
      sessionId,
      before,
      limit,
    }: {
      workspaceId: string;
      sessionId: string;
      before?: number;
      limit: number;
    }): Promise<MessagePage> {
      await session(workspaceId, sessionId);
      const rows = await db
        .select()
        .from(sessionMessages)
        .where(
          and(
            eq(sessionMessages.sessionId, sessionId),
            eq(sessionMessages.workspaceId, workspaceId),
            isNull(sessionMessages.undoneInVersion),
            before !== undefined ? lt(sessionMessages.position, before) : undefined,
          ),
        )
        .orderBy(desc(sessionMessages.position))
        .limit(limit + 1);
      const page = rows.slice(0, limit).reverse();
      return {
        messages: page.map((m) => ({ id: m.id, role: m.role, text: m.text, at: m.at.toISOString(), position: m.position })),
        hasEarlier: rows.length > limit,
      };
    },

    /** Every turn with what it changed, its messages (undone ones marked) and the model calls that made it. */
    async transcript({ workspaceId, sessionId }: { workspaceId: string; sessionId: string }): Promise<Transcript> {
      const row = await session(workspaceId, sessionId);
      const [turns, messages] = await Promise.all([
        db.select().from(sessionTurns).where(eq(sessionTurns.sessionId, sessionId)).orderBy(asc(sessionTurns.version)),
        db.select().from(sessionMessages).where(eq(sessionMessages.sessionId, sessionId)).orderBy(asc(sessionMessages.at), asc(sessionMessages.position)),
      ]);
      const calls = turns.length
        ? await db
            .select()
            .from(modelCalls)
            .where(
              and(
                eq(modelCalls.workspaceId, workspaceId),
                inArray(
                  modelCalls.turnId,
                  turns.map((t) => t.id),
                ),
              ),
            )
            .orderBy(asc(modelCalls.createdAt))
        : [];
      const callsOf = groupBy(calls, (c) => c.turnId!, toCall);
      const messagesOf = groupBy(
        messages,
        (m) => m.turnId ?? '',
        (m) => m,
      );
      // The reply is the last thing a turn asks a model for.
      const writerOf = (turnId: string) => (callsOf.get(turnId) ?? []).filter((c) => c.success).at(-1) ?? null;
      return {
        session: {
          id: row.id,
          flow: row.flow,
          title: row.title,
          subjectId: row.subjectId,
          version: row.version,
          createdAt: row.createdAt.toISOString(),
          updatedAt: row.updatedAt.toISOString(),
        },
        earlier: (messagesOf.get('') ?? []).map((m) => toMessage(m, null)),
        turns: turns.map((turn) => ({
          id: turn.id,
          version: turn.version,
          at: turn.createdAt.toISOString(),
          input: turn.input,
          changes: turn.changes,
          messages: (messagesOf.get(turn.id) ?? []).map((m) => toMessage(m, writerOf(turn.id))),
          calls: callsOf.get(turn.id) ?? [],
        })),
      };
    },
  };
}
