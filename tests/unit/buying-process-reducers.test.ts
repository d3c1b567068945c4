import { describe, expect, test } from 'vitest';
import {
  advanceWhileComplete,
  asking,
  complete,
  emptyStage,
  initialBuyingState,
  moveTo,
  nextPhase,
  previousPhase,
  problems,
  reopen,
  setPersona,
  setStageDetails,
  setStageNames,
  setStages,
  setSummary,
  useStandardStages,
} from '../../flows/buying-process-reducers.js';
import { BuyingProcessPatchSchema, BuyingProcessStateSchema, type BuyingStage } from '../../schemas/buying-process.js';

const at = '2026-11-24T00:00:00.000Z';
const later = '2026-11-24T01:00:00.000Z';
const full = (name: string): BuyingStage => ({
  stage_name: name,
  buyer_actions: 'Reads',
  duration: '2 weeks',
  key_influencers: 'Peers',
  seller_actions: 'Publish',
  content_type: 'Blog',
  key_message: 'Hi',
});
const withPersona = () => moveTo(setPersona(initialBuyingState(at), { persona_name: 'Ops Lead', persona_pain_points: 'Spreadsheets' }, at), 'persona');

describe('persona phase', () => {
  test('asks for the name, then the pain points, then moves to the stages', () => {
    let s = moveTo(initialBuyingState(at), 'persona');
    expect(asking(s)).toEqual({ kind: 'persona_name' });
    s = setPersona(s, { persona_name: 'Ops Lead' }, at);
    expect(asking(s)).toEqual({ kind: 'persona_pain_points' });
    s = advanceWhileComplete(setPersona(s, { persona_pain_points: 'Spreadsheets' }, at));
    expect(s.phase).toBe('stages');
    expect(asking(s)).toEqual({ kind: 'stage_choice' });
  });

  test('the initial state is a valid BuyingProcessState, in progress', () => {
    const s = initialBuyingState(at);
    expect(BuyingProcessStateSchema.parse(s.map)).toMatchObject({ status: 'in_progress', persona_id: null, buying_stages: [] });
  });
});

describe('stages phase', () => {
  test('standard stages, with Retention/Advocacy only when asked for', () => {
    expect(useStandardStages(withPersona(), [], at).map.buying_stages.map((s) => s.stage_name)).toEqual(['Awareness', 'Consideration', 'Decision']);
    expect(useStandardStages(withPersona(), ['advocacy'], at).map.buying_stages.map((s) => s.stage_name)).toEqual([
      'Awareness',
      'Consideration',
      'Decision',
      'Advocacy',
    ]);
  });

  test('renaming keeps the details of stages whose name stays, and drops duplicates', () => {
    let s = setStages(withPersona(), [full('Discovery'), emptyStage('Evaluation')], at);
    s = setStageNames(s, ['Evaluation', 'Discovery', 'discovery', 'Purchase'], at);
    expect(s.map.buying_stages.map((x) => x.stage_name)).toEqual(['Evaluation', 'Discovery', 'Purchase']);
    expect(s.map.buying_stages[1]).toEqual(full('Discovery'));
  });

  test('goes stage by stage through the buyer columns, then the seller columns', () => {
    let s = moveTo(setStageNames(withPersona(), ['A', 'B'], at), 'stages');
    expect(asking(s)).toEqual({ kind: 'stage', index: 0, fields: ['buyer_actions', 'duration', 'key_influencers'] });
    const r = setStageDetails(s, 0, { buyer_actions: 'Reads', duration: '2 weeks', key_influencers: 'Peers', stage_name: 'ignored' }, at);
    expect(r.filled).toEqual(['buyer_actions', 'duration', 'key_influencers']);
    s = r.state;
    expect(s.map.buying_stages[0]!.stage_name).toBe('A');
    expect(asking(s)).toMatchObject({ kind: 'stage', index: 1 });
    s = advanceWhileComplete(setStageDetails(s, 1, { buyer_actions: 'x', duration: 'y', key_influencers: 'z' }, at).state);
    expect(s.phase).toBe('alignment');
    expect(asking(s)).toEqual({ kind: 'stage', index: 0, fields: ['seller_actions', 'content_type', 'key_message'] });
  });

  test('empty details are not written over', () => {
    const s = setStages(withPersona(), [full('A')], at);
    expect(setStageDetails(s, 0, { duration: '  ' }, at)).toMatchObject({ filled: [] });
  });
});

describe('summary, review and completion', () => {
  test('a finished alignment moves to the summary, a summary to the review', () => {
    let s = advanceWhileComplete(moveTo(setStages(withPersona(), [full('A')], at), 'stages'));
    expect(s.phase).toBe('summary');
    expect(asking(s)).toEqual({ kind: 'summary' });
    s = advanceWhileComplete(setSummary(s, '## Journey', at));
    expect(s.phase).toBe('review');
  });

  test('problems name every missing field by stage, zero stages and duplicate names', () => {
    expect(problems(withPersona().map)).toEqual(['At least one buying stage']);
    const s = setStages(withPersona(), [full('A'), { ...full('B'), key_message: '', duration: '' }, full('a')], at);
    expect(problems(s.map)).toEqual(['B: duration, key message', 'a: the name is used twice']);
  });

  test('complete, then an edit reopens it; reopen is explicit too', () => {
    let s = complete(setStages(withPersona(), [full('A')], at), later);
    expect(s.map).toMatchObject({ status: 'completed', last_updated_at: later });
    expect(s.phase).toBe('review');
    expect(setPersona(s, { persona_name: 'Renamed' }, later).map.status).toBe('in_progress');
    expect(setPersona(s, { persona_name: 'Ops Lead' }, later).map.status).toBe('completed');
    s = reopen(s, later);
    expect(s.map.status).toBe('in_progress');
  });

  test('phase navigation never goes back to the introduction', () => {
    expect(previousPhase('persona')).toBe('persona');
    expect(previousPhase('review')).toBe('summary');
    expect(nextPhase('review')).toBe('review');
    expect(nextPhase('intro')).toBe('persona');
  });
});

describe('the patch schema', () => {
  test('duplicate stage names are rejected naming the row', () => {
    const r = BuyingProcessPatchSchema.safeParse({ buying_stages: [full('Awareness'), full('awareness')] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['buying_stages', 1, 'stage_name'], message: expect.stringMatching(/must be unique.*stage 1/) });
  });
  test('unknown fields and empty stage names are rejected', () => {
    expect(BuyingProcessPatchSchema.safeParse({ colour: 'red' }).success).toBe(false);
    expect(BuyingProcessPatchSchema.safeParse({ buying_stages: [{ ...full('A'), stage_name: ' ' }] }).success).toBe(false);
  });
});
