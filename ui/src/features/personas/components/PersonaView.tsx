import type { Persona } from '../../../../../schemas/persona.js';
import { FIELD_GROUPS, fieldLabel } from '../../../shared/persona/fields';

/** All fields of a persona, read-only, grouped by topic. */
export function PersonaView({ data }: { data: Persona }) {
  return (
    <div className="view">
      {FIELD_GROUPS.map((group) => (
        <section key={group.topic} className="view__group">
          <h2 className="group__legend">{group.label}</h2>
          <dl className="view__list">
            {group.fields.map((field) => {
              const value = data[field];
              return (
                <div key={field} className="view__row" data-testid={`view-${field}`}>
                  <dt>{fieldLabel(field)}</dt>
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
