import { useState } from 'react';
import type { MappingRules } from '@schemas/persona-analytics.js';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import { useSaveMappingRules, type MappingRulesState, type SavedRules } from '../api/analytics';
import {
  addTags,
  checkRules,
  draftFromRules,
  hasRules,
  LIST_RULE_LABELS,
  LIST_RULES,
  RULES_FIELD_ORDER,
  sameDraft,
  serverRulesErrors,
  type ListRule,
  type RulesDraft,
  type RulesErrors,
  type RulesField,
} from '../rules-form';
import { TagInput } from './TagInput';

type Props = {
  personaId: string;
  /** The rules as stored now (a refetch may bring a newer version than the edit started from). */
  state: MappingRulesState;
  onSaved: (saved: SavedRules) => void;
  onReloadLatest: () => Promise<unknown>;
  /** Opened from "Propose rules from this persona": the proposal is in the form already, for the person to check. */
  startProposed?: boolean;
};

const inputId = (f: RulesField) => `rules-${f}`;
const EMPTY_PENDING: Record<ListRule, string> = { locations: '', occupations: '', genders: '', goals: '', frustrations: '' };

/** Proposed values go in beside the person's own: nothing already there is dropped. */
function withProposed(draft: RulesDraft, proposed: MappingRules): RulesDraft {
  const next = { ...draft };
  const p = draftFromRules(proposed);
  if (!next.ageMin && !next.ageMax) Object.assign(next, { ageMin: p.ageMin, ageMax: p.ageMax });
  for (const key of LIST_RULES) next[key] = addTags(next[key], p[key].join('\n'));
  return next;
}

/** Which survey respondents this persona stands for: checked with the server's schema as you go, saved with Save. */
export function RulesEditor({ personaId, state, onSaved, onReloadLatest, startProposed = false }: Props) {
  // The version the edit started from: a save is checked against it, so a change made elsewhere
  // meanwhile is a conflict to resolve, never overwritten, and never drops these edits either.
  const [base, setBase] = useState(() => ({ rules: state.rules, version: state.version }));
  const saved = draftFromRules(base.rules);
  const [draft, setDraft] = useState<RulesDraft>(() => (startProposed ? withProposed(saved, state.proposed) : saved));
  const [pending, setPending] = useState(EMPTY_PENDING);
  const [errors, setErrors] = useState<RulesErrors>({});
  const [proposedNote, setProposedNote] = useState(startProposed);
  const save = useSaveMappingRules(personaId);
  const [serverOther, setServerOther] = useState<string[]>([]);

  const current = withPending(draft, pending);
  const dirty = !sameDraft(current, saved);
  const changedElsewhere = state.version !== base.version;
  // Nothing edited yet: take the newer rules as they are (adjusted while rendering, React's way for state that follows a prop).
  if (changedElsewhere && !dirty) {
    setBase({ rules: state.rules, version: state.version });
    setDraft(draftFromRules(state.rules));
  }
  const canPropose = hasRules(state.proposed);

  function change(patch: Partial<RulesDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    const cleared = Object.fromEntries(Object.keys(patch).map((k) => [k, undefined]));
    setErrors((e) => ({ ...e, ...cleared }));
  }

  function propose() {
    setDraft((d) => withProposed(d, state.proposed));
    setErrors({});
    setProposedNote(true);
  }

  function onSave() {
    const full = withPending(draft, pending);
    setDraft(full);
    setPending(EMPTY_PENDING);
    const check = checkRules(full);
    if (!check.ok) {
      setErrors(check.errors);
      focusFirst(check.errors);
      return;
    }
    setServerOther([]);
    save.mutate(
      { data: check.rules, expectedVersion: base.version },
      {
        onSuccess: onSaved,
        onError: (error) => {
          if (error.status !== 400) return;
          const mapped = serverRulesErrors(error.fields);
          setErrors(mapped.errors);
          setServerOther(mapped.other);
          focusFirst(mapped.errors);
        },
      },
    );
  }

  return (
    <form
      className="rules"
      aria-labelledby="rules-title"
      data-testid="rules-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <div className="panel__head">
        <h3 className="panel__title" id="rules-title">
          Mapping rules
        </h3>
        <span className="panel__hint">{base.version ? `Version ${base.version}` : 'Not saved yet'}</span>
      </div>
      <p className="muted small">
        A response's match score is the share of these rules it meets. Leave a rule empty to ignore it. Strong is 70 or more, moderate 50–69.
      </p>

      {canPropose ? (
        <div className="rules__propose">
          <Button onClick={propose} data-testid="rules-propose">
            Propose from this persona
          </Button>
          <span className="muted small">Title → occupations, pain points → frustrations, core goal → goals.</span>
        </div>
      ) : null}
      {proposedNote ? (
        <ErrorBanner
          tone="info"
          testId="rules-proposed"
          message="Proposed from the persona's fields and added to the form. Check them, remove what does not fit, then press Save — nothing is saved until then."
          onDismiss={() => setProposedNote(false)}
        />
      ) : null}

      <fieldset className="rules__age">
        <legend className="field__label">Age range</legend>
        <TextField
          id={inputId('ageMin')}
          label="From (years)"
          value={draft.ageMin}
          onChange={(v) => change({ ageMin: v })}
          error={errors.ageMin}
          testId="rules-age-min"
        />
        <TextField
          id={inputId('ageMax')}
          label="To (years)"
          value={draft.ageMax}
          onChange={(v) => change({ ageMax: v })}
          error={errors.ageMax}
          testId="rules-age-max"
        />
      </fieldset>

      <div className="rules__lists">
        {LIST_RULES.map((key) => (
          <TagInput
            key={key}
            id={inputId(key)}
            label={LIST_RULE_LABELS[key].label}
            hint={LIST_RULE_LABELS[key].hint}
            tags={draft[key]}
            onChange={(tags) => change({ [key]: tags })}
            pending={pending[key]}
            onPending={(text) => setPending((p) => ({ ...p, [key]: text }))}
            error={errors[key]}
            testId={`rules-${key}`}
          />
        ))}
      </div>

      {changedElsewhere && dirty && !save.error ? (
        <ErrorBanner
          tone="warning"
          testId="rules-changed-elsewhere"
          message={`Someone saved version ${state.version} of these rules while you were editing. Your edits are still here; saving them will ask you to reload first.`}
        />
      ) : null}
      {save.error?.isConflict ? (
        <ErrorBanner
          tone="warning"
          testId="rules-conflict"
          title="These rules were changed elsewhere meanwhile."
          message="Nothing was saved. Reload to see the latest rules, then make your change again."
          actions={
            <Button variant="primary" onClick={() => void onReloadLatest()} data-testid="rules-reload">
              Reload latest (discards your edits)
            </Button>
          }
        />
      ) : save.error ? (
        <ErrorBanner
          title="Not saved."
          message={serverOther.length ? serverOther.join(' ') : save.error.message}
          onDismiss={() => save.reset()}
          testId="rules-save-error"
        />
      ) : null}

      <div className="rules__actions">
        <Button type="submit" variant="primary" busy={save.isPending} disabled={!dirty} data-testid="rules-save">
          {save.isPending ? 'Saving…' : 'Save rules'}
        </Button>
        {dirty ? (
          <Button
            variant="ghost"
            onClick={() => {
              setDraft(saved);
              setPending(EMPTY_PENDING);
              setErrors({});
              setProposedNote(false);
              save.reset();
            }}
            data-testid="rules-discard"
          >
            Discard changes
          </Button>
        ) : null}
        <span className="muted small">Saving rescores every response against the new rules in the background.</span>
      </div>
    </form>
  );
}

/** What is typed but not yet a tag counts as one (a person who types a value and presses Save means it). */
function withPending(draft: RulesDraft, pending: Record<ListRule, string>): RulesDraft {
  const next = { ...draft };
  for (const key of LIST_RULES) if (pending[key].trim()) next[key] = addTags(next[key], pending[key]);
  return next;
}

function focusFirst(errors: RulesErrors) {
  const first = RULES_FIELD_ORDER.find((f) => errors[f]);
  if (first) document.getElementById(inputId(first))?.focus();
}
