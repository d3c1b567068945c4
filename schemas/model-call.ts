// What one model call cost and whether it worked: recorded by models/resilient.ts, stored by db/queries/model-calls.ts.
export type ModelCallRecord = {
  workspaceId: string | null;
  flow: string;
  prompt: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  tokensEstimated: boolean;
  latencyMs: number;
  success: boolean;
  error?: string | null;
  /** The hash of the prompt's template (models/prompt-versions.ts). */
  promptVersion?: string | null;
  /** The wizard turn the call was made in. */
  turnId?: string | null;
  /** The campaign run whose send drafted with it. */
  runId?: string | null;
};
