import { PERSONA_FIELD_LABELS, type Persona, type PersonaField } from '../../schemas/persona.js';
import { PERSONA_PHASE_LABELS, PERSONA_TOPICS } from '../../schemas/persona-definition.js';

const inline = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

/** A persona as a Markdown document a person can paste into a doc or a wiki. */
export function personaToMarkdown(persona: Persona, meta: { version: number; updatedAt: string }): string {
  const lines = [`# ${inline(persona.personName)}`, '', `_Persona, version ${meta.version}, updated ${meta.updatedAt.slice(0, 10)}_`];
  for (const [topic, fields] of Object.entries(PERSONA_TOPICS) as Array<[keyof typeof PERSONA_TOPICS, readonly PersonaField[]]>) {
    lines.push('', `## ${PERSONA_PHASE_LABELS[topic]}`, '');
    for (const field of fields) {
      const value = persona[field];
      if (value === undefined) continue;
      if (Array.isArray(value)) {
        lines.push(`**${PERSONA_FIELD_LABELS[field]}**`, '', ...value.map((v) => `- ${inline(v)}`), '');
      } else {
        lines.push(`**${PERSONA_FIELD_LABELS[field]}:** ${inline(value)}`, '');
      }
    }
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
