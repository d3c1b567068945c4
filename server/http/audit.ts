import type { Response } from 'express';
import type { AuditEntry, AuditLog } from '../../lib/audit.js';
import { scopeOf } from './request-scope.js';

/** Records an entry in the request's workspace, as the request's actor (never a field of the body). */
export const recordAudit = (log: AuditLog, res: Response, entry: AuditEntry): Promise<void> => {
  const { workspaceId, actor } = scopeOf(res);
  return log.record({ workspaceId, actor, entry });
};
