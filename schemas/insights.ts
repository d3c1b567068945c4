import type { FeedbackReason, GoalAchieved, NeedMore } from './feedback.js';

// What the workspace's feedback says (GET /api/insights, docs/transcripts.md): which replies did
// not help and why, per flow and prompt version; which formats people ask for; what they still need.

/** The prompt and version that wrote a reply: its turn's last successful model call (null when none was recorded). */
export type Writer = { prompt: string | null; promptVersion: string | null };

export type Counts<K extends string> = Partial<Record<K, number>>;

export type VersionInsight = Writer & {
  replies: { rated: number; helpful: number; notHelpful: number };
  reasons: Counts<FeedbackReason>;
  needMore: Counts<NeedMore>;
};

export type NotHelpfulReply = Writer & {
  messageId: string;
  sessionId: string;
  flow: string;
  /** The reply as it was written. */
  text: string;
  notHelpful: number;
  reasons: Counts<FeedbackReason>;
  needMore: Counts<NeedMore>;
  /** What people wrote about it, whole. */
  comments: string[];
};

export type UnmetNeed = {
  /** The words every text of the group shares (after normalising). */
  words: string[];
  count: number;
  texts: { text: string; from: 'feedback' | 'session' }[];
};

/** One session rating point: the sessions whose latest reply this version wrote. */
export type RatingPoint = Writer & {
  flow: string;
  /** The earliest reply of this version among the rated sessions: the trend's order. */
  firstAt: string | null;
  sessions: number;
  averageRating: number | null;
  goalAchieved: Counts<GoalAchieved>;
};

export type Insights = {
  flows: { flow: string; versions: VersionInsight[] }[];
  notHelpful: NotHelpfulReply[];
  needMore: { need: NeedMore; count: number }[];
  unmetNeeds: UnmetNeed[];
  ratingTrend: RatingPoint[];
};
