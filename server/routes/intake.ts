import { Router, type Response } from 'express';
import type { AuditLog } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../lib/scope.js';
import type { CompanyProfile, CompanyProfileInput } from '../../schemas/company.js';
import { INTAKE_QUESTIONS, IntakePutSchema, type IntakeAnswers, type IntakeState, type IntakeStatus } from '../../schemas/intake.js';
import type { MemoryFact, MemorySource } from '../../schemas/memory.js';
import { validationError } from '../errors.js';
import { recordAudit } from '../http/audit.js';
import { scopeOf } from '../http/request-scope.js';

type Deps = {
  memory: {
    get(a: { workspaceId: string; key: string }): Promise<MemoryFact | null>;
    put(a: {
      workspaceId: string;
      key: string;
      value: string;
      source?: Exclude<MemorySource, 'INFERRED'>;
      actor: Actor;
      expectedVersion?: number;
    }): Promise<{ fact: MemoryFact; created: boolean }>;
  };
  companyProfiles: {
    list(a: { workspaceId: string }): Promise<CompanyProfile[]>;
    get(a: { workspaceId: string; id: string }): Promise<CompanyProfile>;
  };
  intake: {
    status(a: { workspaceId: string }): Promise<IntakeStatus>;
    markDone(a: { workspaceId: string; actor: Actor }): Promise<void>;
    markSkipped(a: { workspaceId: string; actor: Actor }): Promise<IntakeStatus>;
    createCompanyProfileIfNone(a: { workspaceId: string; input: CompanyProfileInput }): Promise<{ created: boolean; id: string }>;
  };
  audit: AuditLog;
};

/** What a save did to the company profile, in words the UI can show as they are. */
type ProfileOutcome = { created: boolean; profile: CompanyProfile | null; message: string };

const kept = (profile: CompanyProfile): ProfileOutcome => ({
  created: false,
  profile,
  message: `Kept your company profile “${profile.name}” as it is: the intake never changes it.`,
});

async function currentFacts(deps: Deps, workspaceId: string) {
  return Promise.all(INTAKE_QUESTIONS.map(async (q) => ({ q, fact: await deps.memory.get({ workspaceId, key: q.memoryKey }) })));
}

async function stateOf(deps: Deps, workspaceId: string): Promise<IntakeState> {
  const answers: IntakeAnswers = {};
  const versions: IntakeState['versions'] = {};
  for (const { q, fact } of await currentFacts(deps, workspaceId)) {
    if (fact) answers[q.id] = fact.value;
    versions[q.id] = fact?.version ?? 0;
  }
  return { questions: INTAKE_QUESTIONS, answers, versions, status: await deps.intake.status({ workspaceId }) };
}

/** The company profile from the intake, only when the workspace has none: an existing one is never changed. */
async function seedCompanyProfile(deps: Deps, res: Response, answers: IntakeAnswers): Promise<ProfileOutcome> {
  const { workspaceId } = scopeOf(res);
  const [existing] = await deps.companyProfiles.list({ workspaceId });
  if (existing) return kept(existing);
  if (!answers.companyName || !answers.whatItDoes)
    return { created: false, profile: null, message: "No company profile made yet: it needs your company's name and what it does." };
  const made = await deps.intake.createCompanyProfileIfNone({
    workspaceId,
    input: { name: answers.companyName, whatItDoes: answers.whatItDoes, market: answers.market ?? '', size: '' },
  });
  const profile = await deps.companyProfiles.get({ workspaceId, id: made.id });
  // Another save made one a moment ago: that one is kept.
  if (!made.created) return kept(profile);
  await recordAudit(deps.audit, res, {
    action: 'companyProfile.created',
    subjectType: 'companyProfile',
    subjectId: profile.id,
    summary: `Created the company profile “${profile.name}” from the intake`,
  });
  return { created: true, profile, message: `Created your company profile “${profile.name}” (Settings → Company).` };
}

/**
 * GET|PUT /api/intake: the first-run questions about the workspace's business. Answers become
 * memory facts (INTAKE_FORM: a person's word), the company profile is made when there is none,
 * and whether the intake was answered or skipped is kept per workspace. Every change is audited.
 */
export function intakeRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json(await stateOf(deps, scopeOf(res).workspaceId));
  });
  router.put('/', async (req, res) => {
    const { workspaceId, actor } = scopeOf(res);
    const body = IntakePutSchema.safeParse(req.body);
    if (!body.success) throw validationError(body.error);
    const { answers = {}, skip, expectedVersions } = body.data.data;

    if (skip) {
      const before = await deps.intake.status({ workspaceId });
      const after = await deps.intake.markSkipped({ workspaceId, actor });
      if (before !== after)
        await recordAudit(deps.audit, res, { action: 'intake.skipped', subjectType: 'intake', subjectId: workspaceId, summary: 'Skipped the intake for now' });
      res.json({ ...(await stateOf(deps, workspaceId)), facts: [], companyProfile: null });
      return;
    }

    const given: IntakeAnswers = Object.fromEntries(Object.entries(answers).filter(([, v]) => v)) as IntakeAnswers;
    const current = await currentFacts(deps, workspaceId);
    // Checked before anything is written, so a refused answer leaves every fact as it was.
    const locked = current.filter(({ q, fact }) => given[q.id] && fact && !fact.editable && fact.value !== given[q.id]);
    if (locked.length)
      throw new AppError(
        'forbidden',
        `${locked.map(({ fact }) => `“${fact!.label}”`).join(', ')} is kept by personaflow and cannot be changed from the intake; delete it on the Memory page first.`,
      );

    // An answer changed elsewhere since the form was opened is never overwritten from here.
    const moved = expectedVersions
      ? current.filter(({ q, fact }) => given[q.id] && expectedVersions[q.id] !== undefined && expectedVersions[q.id] !== (fact?.version ?? 0))
      : [];
    if (moved.length)
      throw new AppError(
        'conflict',
        `${moved.map(({ q }) => `“${q.question}”`).join(', ')}: changed elsewhere since you opened this form. Nothing was saved: reload to see the latest, then answer again.`,
        { reason: 'intake_changed', questions: moved.map(({ q }) => q.id) },
      );

    const facts: Array<{ key: string; label: string; created: boolean }> = [];
    for (const { q, fact: before } of current) {
      const value = given[q.id];
      // An unchanged answer that is already a person's word stays as it is (and where it came from).
      if (!value || (before && before.value === value && before.source !== 'INFERRED')) continue;
      const expectedVersion = expectedVersions?.[q.id];
      const { fact, created } = await deps.memory.put({
        workspaceId,
        key: q.memoryKey,
        value,
        source: 'INTAKE_FORM',
        actor,
        ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      });
      facts.push({ key: fact.key, label: fact.label, created });
      await recordAudit(deps.audit, res, {
        action: created ? 'memory.created' : 'memory.updated',
        subjectType: 'memory',
        subjectId: fact.key,
        summary: `${created ? 'Added' : 'Changed'} “${fact.label}” in the workspace's memory from the intake`,
        details: { key: fact.key, source: fact.source, previousSource: before?.source ?? null, version: fact.version },
      });
    }
    const companyProfile = await seedCompanyProfile(deps, res, given);
    const wasDone = (await deps.intake.status({ workspaceId })) === 'done';
    await deps.intake.markDone({ workspaceId, actor });
    await recordAudit(deps.audit, res, {
      action: wasDone ? 'intake.updated' : 'intake.done',
      subjectType: 'intake',
      subjectId: workspaceId,
      summary: wasDone ? 'Updated the intake answers' : 'Answered the intake',
      details: { keys: facts.map((f) => f.key), companyProfileCreated: companyProfile.created },
    });
    res.json({ ...(await stateOf(deps, workspaceId)), facts, companyProfile });
  });
  return router;
}
