import type { Persona, SavedPersona } from '@schemas/persona.js';
import type { FieldEvidence } from '@schemas/persona-generation.js';
import { EvidenceBadge, EvidenceQuote, type BadgeSource } from '../../../shared/persona/EvidenceBadge';
import { FIELD_GROUPS, fieldLabel } from '../../../shared/persona/fields';

/**
 * All fields of a persona, read-only, grouped by topic. With the generator's evidence, each field
 * says what it rests on; a field without evidence in a generated persona was edited since.
 */
export function PersonaView({ data, evidence, fromWizard = false }: { data: Persona; evidence?: SavedPersona['evidence']; fromWizard?: boolean }) {
  return (
    <div className="view">
      {evidence && fromWizard ? (
        <p className="muted small view__legend">
          From the persona wizard: each field says where it came from — your words in the chat or the form, or a suggestion you confirmed. Open a badge to read
          the words.
        </p>
      ) : evidence ? (
        <p className="muted small view__legend">
          Generated: each field says what it rests on. <span className="badge badge--warning">? model's guess</span> marks what nothing you gave states.
        </p>
      ) : null}
      {FIELD_GROUPS.map((group) => (
        <section key={group.topic} className="view__group">
          <h2 className="group__legend">{group.label}</h2>
          <dl className="view__list">
            {group.fields.map((field) => {
              const value = data[field];
              const filled = Array.isArray(value) ? value.length > 0 : Boolean(value);
              const ev = evidence?.[field] as FieldEvidence | undefined;
              const source: BadgeSource | null = ev
                ? ev.source === 'inference' && ev.confirmed
                  ? 'confirmed'
                  : fromWizard && ev.source === 'description'
                    ? ev.quote
                      ? 'chat'
                      : 'typed'
                    : ev.source
                : evidence && filled
                  ? 'edited'
                  : null;
              return (
                <div key={field} className="view__row" data-testid={`view-${field}`}>
                  <dt>
                    {fieldLabel(field)}
                    {source && filled ? (
                      <>
                        {' '}
                        <EvidenceBadge source={source} quote={ev?.quote} testId={`evidence-${field}`} />
                      </>
                    ) : null}
                  </dt>
                  <dd>
                    {Array.isArray(value) ? (
                      <ul className="bullets">
                        {value.map((item, i) => (
                          <li key={i}>{item}</li>
                        ))}
                      </ul>
                    ) : value ? (
                      value
                    ) : (
                      <span className="muted">—</span>
                    )}
                    {/* A wizard message fills several fields: its words open from the badge, not under each field. */}
                    {filled && !fromWizard ? <EvidenceQuote evidence={ev} value={value} /> : null}
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
    </div>
  );
}
