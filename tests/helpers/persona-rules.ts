import { randomUUID } from 'node:crypto';
import { personaRules } from '../../db/schema.js';
import type { MappingRules } from '../../schemas/persona-analytics.js';
import type { Persona } from '../../schemas/persona.js';
import type { TestDb } from './db.js';

// A persona with mapping rules, written straight to the tables (the survey tests need rules to
// offer as choices, not the rule-editing route): the *_keys columns as the scoring compares them.

const keys = (list: string[] | undefined) => (list ?? []).map((v) => v.trim().toLowerCase());

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
  const lists = [rules.age, rules.locations, rules.occupations, rules.genders, rules.goals, rules.frustrations];
  const defined = lists.map((l) => (Array.isArray(l) ? l.length > 0 : l !== undefined));
  await db.handle.db.insert(personaRules).values({
    personaId: id,
    workspaceId,
    version: 1,
    rules,
    definedMask: defined.reduce((mask, d, i) => (d ? mask | (1 << i) : mask), 0),
    ruleCount: defined.filter(Boolean).length,
    ageMin: rules.age?.min ?? null,
    ageMax: rules.age?.max ?? null,
    locationKeys: keys(rules.locations),
    occupationKeys: keys(rules.occupations),
    genderKeys: keys(rules.genders),
    goalKeys: keys(rules.goals),
    frustrationKeys: keys(rules.frustrations),
  });
  return id;
}
