import type { Actor } from './scope.js';

/** One line of the audit log: what was done to which record (the actor and time are added). */
export type AuditEntry = {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  summary: string;
  details?: Record<string, unknown> | null;
};

/** Where campaigns, routes and settings record who did what (db/queries/audit.ts). */
export type AuditLog = { record(args: { workspaceId: string; actor: Actor; entry: AuditEntry }): Promise<void> };
