import { sql } from 'drizzle-orm';
import { groupSimilarTexts } from '../../lib/similar-texts.js';
import type { FeedbackReason, GoalAchieved, NeedMore } from '../../schemas/feedback.js';
import type { Counts, Insights, NotHelpfulReply, RatingPoint, UnmetNeed, VersionInsight } from '../../schemas/insights.js';
import type { Database } from '../client.js';
import { rowsOf } from '../rows.js';

export const TOP_NOT_HELPFUL = 20;
export const TOP_UNMET_NEEDS = 20;

type ReplyRow = {
  message_id: string;
  session_id: string;
  flow: string;
  reply: string;
  helpful: boolean | null;
  reasons: FeedbackReason[];
  need_more: NeedMore[];
  text: string | null;
  prompt: string | null;
  prompt_version: string | null;
};

type SessionRow = {
  flow: string;
  rating: number | null;
  goal_achieved: GoalAchieved | null;
  still_need: string | null;
  prompt: string | null;
  prompt_version: string | null;
  written_at: Date | string | null;
};

type TextRow = { text: string };

const countInto = <K extends string>(counts: Counts<K>, keys: readonly K[]) => {
  for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
};
const keyOf = (...parts: (string | null)[]) => JSON.stringify(parts);

export function insightQueries(db: Database) {
  return {
    /** Everything GET /api/insights shows, for one workspace. */
    async insights({ workspaceId }: { workspaceId: string }): Promise<Insights> {
      // A reply's writer is its turn's last successful model call (the reply is the last thing a turn asks for).
      const replies = rowsOf<ReplyRow>(
        await db.execute(sql`
          select f.target_id as message_id, m.session_id, s.flow, m.text as reply, f.helpful, f.reasons, f.need_more, f.text,
                 w.prompt, w.prompt_version
          from feedback f
          join session_messages m on m.id = f.target_id and m.workspace_id = f.workspace_id
          join wizard_sessions s on s.id = m.session_id
          left join lateral (
            select mc.prompt, mc.prompt_version from model_calls mc
            where mc.turn_id = m.turn_id and mc.workspace_id = f.workspace_id and mc.success
            order by mc.created_at desc limit 1
          ) w on true
          where f.workspace_id = ${workspaceId} and f.target_kind = 'message'`),
      );
      // A session's version is the one that wrote its latest reply.
      const sessions = rowsOf<SessionRow>(
        await db.execute(sql`
          select s.flow, f.rating, f.goal_achieved, f.still_need, w.prompt, w.prompt_version, w.created_at as written_at
          from feedback f
          join wizard_sessions s on s.id = f.target_id and s.workspace_id = f.workspace_id
          left join lateral (
            select mc.prompt, mc.prompt_version, mc.created_at from model_calls mc
            join session_turns t on t.id = mc.turn_id
            where t.session_id = s.id and mc.workspace_id = f.workspace_id and mc.success
            order by mc.created_at desc limit 1
          ) w on true
          where f.workspace_id = ${workspaceId} and f.target_kind = 'session'`),
      );
      const [needs, texts] = await Promise.all([
        db.execute(sql`
          select n.need, count(*)::int as count from feedback f, jsonb_array_elements_text(f.need_more) as n(need)
          where f.workspace_id = ${workspaceId} group by n.need order by count(*) desc, n.need`),
        db.execute(sql`
          select f.text from feedback f
          where f.workspace_id = ${workspaceId} and f.text is not null and (f.helpful = false or jsonb_array_length(f.need_more) > 0)
          order by f.updated_at`),
      ]);

      const flows = new Map<string, Map<string, VersionInsight>>();
      const byReply = new Map<string, NotHelpfulReply>();
      for (const r of replies) {
        const versions = flows.get(r.flow) ?? flows.set(r.flow, new Map()).get(r.flow)!;
        const vKey = keyOf(r.prompt, r.prompt_version);
        const v =
          versions.get(vKey) ??
          versions
            .set(vKey, { prompt: r.prompt, promptVersion: r.prompt_version, replies: { rated: 0, helpful: 0, notHelpful: 0 }, reasons: {}, needMore: {} })
            .get(vKey)!;
        v.replies.rated++;
        if (r.helpful === true) v.replies.helpful++;
        if (r.helpful === false) v.replies.notHelpful++;
        countInto(v.reasons, r.reasons);
        countInto(v.needMore, r.need_more);
        if (r.helpful !== false) continue;
        const reply =
          byReply.get(r.message_id) ??
          byReply
            .set(r.message_id, {
              messageId: r.message_id,
              sessionId: r.session_id,
              flow: r.flow,
              prompt: r.prompt,
              promptVersion: r.prompt_version,
              text: r.reply,
              notHelpful: 0,
              reasons: {},
              needMore: {},
              comments: [],
            })
            .get(r.message_id)!;
        reply.notHelpful++;
        countInto(reply.reasons, r.reasons);
        countInto(reply.needMore, r.need_more);
        if (r.text) reply.comments.push(r.text);
      }

      const points = new Map<string, RatingPoint & { ratings: number[] }>();
      for (const s of sessions) {
        const key = keyOf(s.flow, s.prompt, s.prompt_version);
        const p =
          points.get(key) ??
          points
            .set(key, {
              flow: s.flow,
              prompt: s.prompt,
              promptVersion: s.prompt_version,
              firstAt: null,
              sessions: 0,
              averageRating: null,
              goalAchieved: {},
              ratings: [],
            })
            .get(key)!;
        p.sessions++;
        if (s.rating !== null) p.ratings.push(s.rating);
        if (s.goal_achieved) countInto(p.goalAchieved, [s.goal_achieved]);
        const at = s.written_at ? new Date(s.written_at).toISOString() : null;
        if (at && (!p.firstAt || at < p.firstAt)) p.firstAt = at;
      }
      const ratingTrend = [...points.values()]
        .map(({ ratings, ...p }) => ({
          ...p,
          averageRating: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100 : null,
        }))
        .sort((a, b) => a.flow.localeCompare(b.flow) || (a.firstAt ?? '').localeCompare(b.firstAt ?? ''));

      const unmet = [
        ...rowsOf<TextRow>(texts).map((t) => ({ text: t.text, from: 'feedback' as const })),
        ...sessions.filter((s) => s.still_need).map((s) => ({ text: s.still_need!, from: 'session' as const })),
      ];
      const unmetNeeds: UnmetNeed[] = groupSimilarTexts(unmet, (t) => t.text)
        .slice(0, TOP_UNMET_NEEDS)
        .map((g) => ({ words: g.words, count: g.items.length, texts: g.items }));

      return {
        flows: [...flows.entries()]
          .map(([flow, versions]) => ({ flow, versions: [...versions.values()].sort((a, b) => b.replies.notHelpful - a.replies.notHelpful) }))
          .sort((a, b) => a.flow.localeCompare(b.flow)),
        notHelpful: [...byReply.values()].sort((a, b) => b.notHelpful - a.notHelpful || a.messageId.localeCompare(b.messageId)).slice(0, TOP_NOT_HELPFUL),
        needMore: rowsOf<{ need: NeedMore; count: number }>(needs).map((n) => ({ need: n.need, count: Number(n.count) })),
        unmetNeeds,
        ratingTrend,
      };
    },
  };
}
