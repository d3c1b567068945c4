import type { QueryClient } from '@tanstack/react-query';
import { createFlowClient, type AnyTurnOutput, type FlowClient } from './flow-client';

/**
 * One conversational flow as the UI sees it: its name (the URL and the sessions list use it),
 * its client, and what else to refresh when a turn or a delete changes the server.
 */
export type WizardFlow<O extends AnyTurnOutput> = {
  name: string;
  client: FlowClient<O>;
  /** After every successful turn (e.g. refresh the library when the turn saved something). */
  onTurn?: (output: O, qc: QueryClient) => void;
  /** After a session of this flow is deleted. */
  onDeleted?: (sessionId: string, qc: QueryClient) => void;
};

export function defineWizardFlow<O extends AnyTurnOutput>(name: string, hooks: Pick<WizardFlow<O>, 'onTurn' | 'onDeleted'> = {}): WizardFlow<O> {
  return { name, client: createFlowClient<O>(name), ...hooks };
}

/** The cache key of a session's current state. */
export const wizardKey = (flow: string, sessionId: string) => ['wizard', flow, sessionId] as const;
