import type { Queries } from '../db/queries/index.js';
import type { WorkspaceMemory } from '../flows/workspace-memory.js';
import { SYSTEM_ACTOR } from '../lib/scope.js';

/**
 * The flows' WorkspaceMemory port on the database. What a flow learns is recorded by personaflow
 * itself (no person wrote it) as INFERRED: db/queries/memory.ts remember() keeps a person's word.
 */
export function workspaceMemory(memory: Queries['memory']): WorkspaceMemory {
  return {
    recall: ({ workspaceId }) => memory.list({ workspaceId }),
    learn: async ({ workspaceId, fact }) => {
      const { written } = await memory.remember({ workspaceId, actor: SYSTEM_ACTOR, source: 'INFERRED', ...fact });
      return { written };
    },
  };
}
