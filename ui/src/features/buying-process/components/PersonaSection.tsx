import type { BuyingProcessState } from '@schemas/buying-process.js';
import { usePersonas } from '../../../shared/persona/api';
import { checkPersonaText, type MapErrors, type PersonaTextField } from '../stages';
import { useDraft } from '../use-draft';

type Props = {
  map: BuyingProcessState;
  current: boolean;
  errors: MapErrors['persona'];
  onText: (field: PersonaTextField, value: string) => Promise<boolean>;
  onPick: (personaId: string | null) => void;
};

/** The persona the map is for: typed in, or picked from the library (the server fills it in). */
export function PersonaSection({ map, current, errors, onText, onPick }: Props) {
  const personas = usePersonas();
  const list = [...(personas.data ?? [])].sort((a, b) => a.data.personName.localeCompare(b.data.personName));
  const linked = map.persona_id ? list.find((p) => p.id === map.persona_id) : undefined;

  return (
    <fieldset className={`group${current ? ' group--current' : ''}`} data-section="persona">
      <legend className="group__legend">
        Buyer persona
        {current ? <span className="group__now">now</span> : null}
      </legend>

      <div className="field">
        <div className="field__head">
          <label className="field__label" htmlFor="bp-persona-pick">
            Pick from your library
          </label>
          {map.persona_id ? <span className="badge badge--info">linked to the library</span> : null}
        </div>
        <select
          id="bp-persona-pick"
          className="input"
          data-testid="bp-persona-pick"
          value={map.persona_id ?? ''}
          disabled={personas.isPending}
          onChange={(e) => onPick(e.target.value || null)}
          aria-invalid={errors.persona_id ? true : undefined}
        >
          <option value="">{personas.isPending ? 'Loading personas…' : list.length ? '— Type a persona in below —' : 'No saved personas yet'}</option>
          {map.persona_id && !linked && personas.data ? <option value={map.persona_id}>(a persona no longer in the library)</option> : null}
          {list.map((p) => (
            <option key={p.id} value={p.id}>
              {p.data.personName}
              {p.data.title ? ` — ${p.data.title}` : ''}
            </option>
          ))}
        </select>
        {personas.isError ? <p className="field__error">Could not load the library: {personas.error.message}</p> : null}
        {errors.persona_id ? <p className="field__error">{errors.persona_id}</p> : null}
        <p className="field__hint">Picking a persona fills in its name and pain points.</p>
      </div>

      <TextField
        id="bp-persona-name"
        label="Persona name"
        field="persona_name"
        stored={map.persona_name}
        placeholder="e.g. Enterprise CMO"
        serverError={errors.persona_name}
        onCommit={onText}
      />
      <TextField
        id="bp-pain-points"
        label="Pain points"
        field="persona_pain_points"
        stored={map.persona_pain_points}
        placeholder="What keeps them up at night: one or a few sentences"
        serverError={errors.persona_pain_points}
        onCommit={onText}
        multiline
      />
    </fieldset>
  );
}

function TextField({
  id,
  label,
  field,
  stored,
  placeholder,
  serverError,
  multiline,
  onCommit,
}: {
  id: string;
  label: string;
  field: PersonaTextField;
  stored: string;
  placeholder: string;
  serverError?: string | undefined;
  multiline?: boolean;
  onCommit: (field: PersonaTextField, value: string) => Promise<boolean>;
}) {
  const d = useDraft(
    stored,
    (value) => onCommit(field, value),
    (text) => checkPersonaText(field, text),
  );
  const error = d.error ?? serverError;
  const common = {
    id,
    'data-testid': id,
    className: 'input',
    value: d.draft,
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onBlur: () => void d.onBlur(),
  } as const;
  return (
    <div className="field">
      <div className="field__head">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
      </div>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(e) => d.onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(e) => d.onChange(e.target.value)} />
      )}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
