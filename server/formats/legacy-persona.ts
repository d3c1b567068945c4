import type { Persona } from '../../schemas/persona.js';
import type { LegacyPersona } from '../../schemas/persona-generation.js';

/**
 * Maps the old persona format (persona_name, ideal_roles, core_goals, pain_points, value_prop,
 * impact_statement) onto the current fields. What the old format never had is named, so the
 * person can fill it in rather than find a made-up value.
 */
export function mapLegacyPersona(old: LegacyPersona): { data: Partial<Persona>; missing: string[] } {
  const roles = old.ideal_roles.map((r) => r.trim()).filter(Boolean);
  const data: Partial<Persona> = {
    personName: old.persona_name.trim(),
    ...(roles[0] ? { title: roles[0] } : {}),
    ...(roles.length > 1 ? { role: `Also seen as: ${roles.slice(1).join(', ')}` } : roles[0] ? { role: roles[0] } : {}),
    ...(old.core_goals.length
      ? {
          coreGoal: old.core_goals
            .map((g) => g.trim())
            .filter(Boolean)
            .join('; '),
        }
      : {}),
    ...(old.pain_points.length ? { painPoints: old.pain_points.map((p) => p.trim()).filter(Boolean) } : {}),
    ...(old.value_prop.trim() ? { needForOurProduct: old.value_prop.trim() } : {}),
    ...(old.impact_statement.trim() ? { potentialPitch: old.impact_statement.trim() } : {}),
  };
  const missing = (['title', 'role', 'coreGoal', 'painPoints', 'needForOurProduct', 'industry', 'companySize'] as const).filter((f) => data[f] === undefined);
  return { data, missing };
}
