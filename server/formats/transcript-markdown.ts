import type { StateChange, Transcript, TranscriptMessage, TurnModelCall, TurnInputSummary } from '../../schemas/transcript.js';

// A session's transcript as a Markdown file a person can keep or share. Every message is quoted
// whole (a block quote, line by line), so nothing anyone wrote is reflowed or cut.

const FLOW_NAMES: Record<string, string> = {
  personaDefinition: 'Persona wizard',
  buyingProcess: 'Buying-process map',
  analyzeContact: 'Meeting prep',
};

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const quote = (text: string) =>
  text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
const value = (v: unknown) => (v === undefined || v === null || v === '' ? '(empty)' : typeof v === 'string' ? `"${v}"` : JSON.stringify(v));

function didWhat(input: TurnInputSummary): string {
  switch (input.kind) {
    case 'start':
      return 'started';
    case 'message':
      return input.fields?.length ? `message and form edit (${input.fields.join(', ')})` : 'message';
    case 'form':
      return `form edit (${(input.fields ?? []).join(', ')})`;
    case 'action':
      return `action: ${input.action}`;
  }
}

export function callLine(call: TurnModelCall): string {
  const version = call.promptVersion ? ` version ${call.promptVersion}` : '';
  const tokens = `${call.inputTokens} in / ${call.outputTokens} out tokens${call.tokensEstimated ? ' (estimated)' : ''}`;
  return `${call.prompt}${version} · ${call.provider}/${call.model} · ${tokens} · ${call.latencyMs} ms${call.success ? '' : ' · failed'}`;
}

function message(m: TranscriptMessage): string {
  const who = m.role === 'user' ? 'You' : 'Assistant';
  const undone = m.undoneInVersion !== null ? ` (taken back by an undo at version ${m.undoneInVersion})` : '';
  const lines = [`**${who}** · ${when(m.at)}${undone}`, '', quote(m.text)];
  if (m.writtenBy) lines.push('', `_Written by ${callLine(m.writtenBy)}_`);
  return lines.join('\n');
}

const change = (c: StateChange) => `- ${c.field}: ${value(c.from)} → ${value(c.to)}`;

export function transcriptToMarkdown(t: Transcript): string {
  const title = t.session.title ?? FLOW_NAMES[t.session.flow] ?? t.session.flow;
  const out = [
    `# ${title}`,
    '',
    `${FLOW_NAMES[t.session.flow] ?? t.session.flow} · session ${t.session.id} · started ${when(t.session.createdAt)} · last changed ${when(t.session.updatedAt)} · version ${t.session.version}`,
  ];
  if (t.earlier.length) out.push('', '## Before turns were recorded', '', t.earlier.map(message).join('\n\n'));
  for (const turn of t.turns) {
    out.push('', `## Version ${turn.version} · ${when(turn.at)} · ${didWhat(turn.input)}`);
    if (turn.messages.length) out.push('', turn.messages.map(message).join('\n\n'));
    if (turn.changes.length) out.push('', 'Changed:', '', turn.changes.map(change).join('\n'));
    const others = turn.calls.filter((c) => !turn.messages.some((m) => m.writtenBy === c));
    if (others.length) out.push('', 'Model calls:', '', others.map((c) => `- ${callLine(c)}`).join('\n'));
  }
  return `${out.join('\n')}\n`;
}
