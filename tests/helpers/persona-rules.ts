import { randomUUID } from 'node:crypto';
import type { MappingRules } from '../../schemas/persona-analytics.js';
import type { Persona } from '../../schemas/persona.js';
import type { TestDb } from './db.js';

/** A persona in the workspace with these mapping rules. */
export async function personaWithRules(db: TestDb, workspaceId: string, personName: string, rules: MappingRules): Promise<string> {
  const id = randomUUID();
  const data: Persona = {
    personName,
    title: 'Head of Ops',
    role: 'Runs operations',
    coreGoal: 'Fewer delays',
    painPoints: ['Spreadsheets'],
    needForOurProduct: 'A live view',
    industry: 'Retail',
    companySize: '50-200 employees',
  };
  await db.queries.personas.save({ workspaceId, id, data, source: 'edit' });
  await db.queries.personaAnalytics.saveRules({ workspaceId, personaId: id, rules });
  return id;
}
