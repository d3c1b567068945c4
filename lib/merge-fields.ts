// Merge fields ({{firstName}}) in drafts, campaign context and step instructions. Known fields
// are filled from the lead; anything left over, or a bracket placeholder a model wrote such as
// "[Company Name]", is unresolved and blocks sending until a person replaces it.

export type MergeValues = { name: string; position: string; websiteUrl: string; linkedinUrl: string; senderName: string; senderCompany: string };

const FIELD = /\{\{\s*([\w.]+)\s*\}\}/g;
const BRACKET_PLACEHOLDER = /\[(?:your|their|insert|first|last|full|company|name|title|position|product|recipient|sender)[^\]\n]{0,30}\]/gi;

function valueOf(field: string, v: MergeValues): string {
  const first = v.name.trim().split(/\s+/)[0] ?? '';
  const table: Record<string, string> = {
    firstname: first,
    first_name: first,
    name: v.name.trim(),
    fullname: v.name.trim(),
    position: v.position.trim(),
    title: v.position.trim(),
    website: v.websiteUrl.trim(),
    linkedin: v.linkedinUrl.trim(),
    sendername: v.senderName.trim(),
    sendercompany: v.senderCompany.trim(),
  };
  return table[field.toLowerCase()] ?? '';
}

/**
 * What a lead's draft can be filled with before it is sent. {{firstName}} and the like are filled
 * at send time; the sender's name always is, so only what cannot be filled for this lead blocks.
 */
export const leadMergeValues = (lead: { name: string; position: string; websiteUrl: string; linkedinUrl: string }, senderCompany: string): MergeValues => ({
  name: lead.name,
  position: lead.position,
  websiteUrl: lead.websiteUrl,
  linkedinUrl: lead.linkedinUrl,
  senderName: 'sender',
  senderCompany,
});

/** The placeholders a draft would still hold for this lead, by field: each one blocks sending. */
export function unresolvedInDraft(draft: { subject: string; body: string }, values: MergeValues): Array<{ path: 'subject' | 'body'; field: string }> {
  return [
    ...resolveMergeFields(draft.subject, values).unresolved.map((field) => ({ path: 'subject' as const, field })),
    ...resolveMergeFields(draft.body, values).unresolved.map((field) => ({ path: 'body' as const, field })),
  ];
}

/** Fills what it can; `unresolved` lists the placeholders left, e.g. ["{{company}}", "[Your Name]"]. */
export function resolveMergeFields(text: string, values: MergeValues): { text: string; unresolved: string[] } {
  const unresolved = new Set<string>();
  const filled = text.replace(FIELD, (whole, field: string) => {
    const value = valueOf(field, values);
    if (!value) unresolved.add(whole.replace(/\s+/g, ''));
    return value || whole;
  });
  for (const m of filled.matchAll(BRACKET_PLACEHOLDER)) unresolved.add(m[0]);
  return { text: filled, unresolved: [...unresolved] };
}
