// A map change refused because the map moved on elsewhere (e.g. a version restored in another tab):
// the library's value beside the session's, field by field; choosing applies on the library version.
import { useState } from 'react';
import type { BuyingProcessPatch, BuyingProcessState } from '@schemas/buying-process.js';
import type { ApiError } from '../../../shared/api/errors';
import { Button } from '../../../shared/components/Button';
import '../../../shared/persona/conflict-choice.css';

type Field = 'persona_name' | 'persona_pain_points' | 'buying_stages' | 'ai_generated_summary';
const FIELDS: Field[] = ['persona_name', 'persona_pain_points', 'buying_stages', 'ai_generated_summary'];
const LABELS: Record<Field, string> = {
  persona_name: 'Persona',
  persona_pain_points: 'Primary pain points',
  buying_stages: 'Buying stages (the whole table)',
  ai_generated_summary: 'Summary',
};

export type MapConflict = { libraryVersion: number; baseVersion: number | null; library: BuyingProcessState };

export function mapConflictOf(error: ApiError | null | undefined): MapConflict | null {
  const d =
    error?.status === 409
      ? (error.details as { reason?: string; kind?: string; currentVersion?: number; baseVersion?: number | null; current?: { map?: BuyingProcessState } })
      : null;
  if (!d || d.reason !== 'library_changed' || d.kind !== 'buyingProcessMap' || !d.current?.map || typeof d.currentVersion !== 'number') return null;
  return { libraryVersion: d.currentVersion, baseVersion: d.baseVersion ?? null, library: d.current.map };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? '') === JSON.stringify(b ?? '');

export function MapConflictChoice({
  mine,
  conflict,
  busy,
  onResolve,
}: {
  mine: BuyingProcessState;
  conflict: MapConflict;
  busy: boolean;
  /** The library's values for the fields that take them (a patch), to apply on the library version. */
  onResolve(patch: BuyingProcessPatch): void;
}) {
  const fields = FIELDS.filter((f) => !same(mine[f], conflict.library[f]));
  const [choice, setChoice] = useState<Partial<Record<Field, 'mine' | 'library'>>>({});

  function resolve(all?: 'mine' | 'library') {
    const patch: Record<string, unknown> = {};
    for (const f of fields)
      if ((all ?? choice[f] ?? 'mine') === 'library') patch[f] = f === 'ai_generated_summary' ? (conflict.library[f] ?? '') : conflict.library[f];
    onResolve(patch as BuyingProcessPatch);
  }

  return (
    <section className="conflict" aria-labelledby="map-conflict-title" data-testid="map-conflict-choice">
      <h2 className="conflict__title" id="map-conflict-title">
        This map changed elsewhere: choose what to keep
      </h2>
      <p className="conflict__intro">
        The map was saved elsewhere (now version {conflict.libraryVersion}; this session started from{' '}
        {conflict.baseVersion ? `version ${conflict.baseVersion}` : 'an older version'}). Your last change was not applied and nothing was overwritten. Choose
        per field, then make your change again.
      </p>
      <ol className="conflict__fields">
        {fields.map((f) => (
          <li key={f} className="conflict__field" data-testid={`map-conflict-field-${f}`}>
            <fieldset>
              <legend className="conflict__label">{LABELS[f]}</legend>
              <div className="conflict__options">
                {(['library', 'mine'] as const).map((side) => (
                  <label key={side} className={`conflict__option${choice[f] === side ? ' conflict__option--chosen' : ''}`}>
                    <span className="conflict__option-head">
                      <input type="radio" name={`map-${f}`} checked={choice[f] === side} onChange={() => setChoice((c) => ({ ...c, [f]: side }))} />
                      <span>{side === 'library' ? `Elsewhere (version ${conflict.libraryVersion})` : 'This session'}</span>
                    </span>
                    <MapValue field={f} value={(side === 'library' ? conflict.library : mine)[f]} />
                  </label>
                ))}
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="conflict__actions">
        <Button variant="primary" busy={busy} disabled={busy} onClick={() => resolve()} data-testid="map-conflict-apply">
          Apply these choices
        </Button>
        <Button disabled={busy} onClick={() => resolve('mine')}>
          Keep all mine
        </Button>
        <Button disabled={busy} onClick={() => resolve('library')} data-testid="map-conflict-keep-library">
          Keep all from elsewhere
        </Button>
      </div>
    </section>
  );
}

function MapValue({ field, value }: { field: Field; value: unknown }) {
  if (field === 'buying_stages') {
    const stages = (value as BuyingProcessState['buying_stages'] | undefined) ?? [];
    if (!stages.length) return <span className="conflict__value muted">(no stages)</span>;
    return (
      <ol className="conflict__value conflict__list">
        {stages.map((s, i) => (
          <li key={i}>
            {s.stage_name}
            {s.key_message ? <span className="muted"> — {s.key_message}</span> : null}
          </li>
        ))}
      </ol>
    );
  }
  const text = typeof value === 'string' ? value.trim() : '';
  return text ? <span className="conflict__value">{text}</span> : <span className="conflict__value muted">(empty)</span>;
}
