import type { EmailDraft } from '../api/leads';

/** What the draft says about the person, and whether each claim is found in their data. */
export function PersonalDetails({ draft, edited }: { draft: EmailDraft; edited: boolean }) {
  if (!draft.personalDetails.length) {
    return <p className="muted small">This draft says nothing personal about them.</p>;
  }
  const ungrounded = draft.personalDetails.filter((d) => !d.grounded).length;
  return (
    <div className="draft__details" data-testid="draft-personal-details">
      <p className="draft__details-title">
        What it says about them{' '}
        {ungrounded ? (
          <span className="badge badge--warning">{ungrounded} not found in their data</span>
        ) : (
          <span className="badge badge--grounded">all from their data</span>
        )}
      </p>
      {edited ? <p className="muted small">As first written; check your edits yourself.</p> : null}
      <ul className="draft__details-list">
        {draft.personalDetails.map((d, i) => (
          <li key={i} className={`draft__detail${d.grounded ? '' : ' draft__detail--ungrounded'}`} data-grounded={String(d.grounded)}>
            <span className="draft__claim">{d.claim}</span>
            <span className="draft__source">
              {d.grounded ? (
                <span title={d.source}>From {sourceLabel(d.source)}</span>
              ) : (
                <span title={d.source || undefined}>
                  Not found in their data{d.source ? ` (said to come from ${sourceLabel(d.source)})` : ''} — check it or remove it.
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

const LEAD_FIELD_LABELS: Record<string, string> = {
  name: 'their name',
  position: 'their position',
  requirement: 'what they need',
  linkedinUrl: 'their LinkedIn URL',
  websiteUrl: 'their website URL',
  email: 'their email address',
  linkedinText: 'their pasted LinkedIn profile',
};

const RESEARCH_PAGE_LABELS: Record<string, string> = { home: 'home page', about: 'about page', pricing: 'pricing page', customers: 'customers page' };

/** "persona.painPoints" → "their persona (pain points)"; "lead.requirement" → "what they need"; "research.about" → "their website (about page)". */
function sourceLabel(source: string): string {
  const [root, ...rest] = source.trim().split('.');
  const field = rest.join('.').replace(/\[\d+\]$/, '');
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  if (root === 'lead') return LEAD_FIELD_LABELS[field] ?? (words ? `their details (${words})` : 'their details');
  if (root === 'persona') return words ? `their persona (${words})` : 'their persona';
  if (root === 'research') return `their website${RESEARCH_PAGE_LABELS[field] ? ` (${RESEARCH_PAGE_LABELS[field]})` : ''}`;
  return source || 'an unnamed source';
}
