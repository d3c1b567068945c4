import { STAGE_FIELD_LABELS, STAGE_FIELDS, type BuyingProcessState } from '../../schemas/buying-process.js';
import { csvField } from './csv-field.js';

const inline = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
const cell = (s: string) => inline(s).replace(/\|/g, '\\|') || ' ';

/** A buying-process map as Markdown: persona, the stage table, the AI summary. */
export function buyingProcessToMarkdown(map: BuyingProcessState): string {
  const lines = [
    `# Buying process: ${inline(map.persona_name) || 'Untitled persona'}`,
    '',
    `_${map.status === 'completed' ? 'Completed' : 'In progress'}, updated ${map.last_updated_at.slice(0, 10)}_`,
    '',
    `**Primary pain points:** ${inline(map.persona_pain_points) || '—'}`,
    '',
    '## Stages',
    '',
    `| # | ${STAGE_FIELDS.map((f) => STAGE_FIELD_LABELS[f]).join(' | ')} |`,
    `|---|${STAGE_FIELDS.map(() => '---').join('|')}|`,
    ...map.buying_stages.map((s, i) => `| ${i + 1} | ${STAGE_FIELDS.map((f) => cell(s[f])).join(' | ')} |`),
  ];
  if (map.ai_generated_summary) lines.push('', '## Summary (AI-generated)', '', map.ai_generated_summary.trim());
  return `${lines.join('\n')}\n`;
}

export function buyingProcessToCsv(map: BuyingProcessState): string {
  const header = ['position', ...STAGE_FIELDS].map(csvField).join(',');
  const rows = map.buying_stages.map((s, i) => [String(i + 1), ...STAGE_FIELDS.map((f) => s[f])].map(csvField).join(','));
  return `${[header, ...rows].join('\r\n')}\r\n`;
}
