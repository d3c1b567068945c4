import { useId, useLayoutEffect, useRef, useState } from 'react';
import type { EvidenceSource, FieldEvidence } from '@schemas/persona-generation.js';

/** Where a generated field's value rests — or that a person changed it since. */
export type BadgeSource = EvidenceSource | 'edited' | 'import' | 'confirmed' | 'chat' | 'typed' | 'survey';

const LOOK: Record<BadgeSource, { text: string; tone: 'neutral' | 'info' | 'warning' | 'edited' | 'grounded'; title: string }> = {
  contact: { text: 'from contact', tone: 'grounded', title: 'Taken from the contact' },
  enrichment: { text: 'from enrichment', tone: 'grounded', title: 'Taken from the enrichment record' },
  description: { text: 'from your description', tone: 'grounded', title: 'Taken from your description of the person' },
  product: { text: 'from product', tone: 'neutral', title: 'Taken from the product' },
  company: { text: 'from company', tone: 'neutral', title: 'Taken from your company profile' },
  inference: { text: "model's guess", tone: 'warning', title: "Not stated in anything you gave: the model's judgement. Check it." },
  edited: { text: 'edited by you', tone: 'edited', title: 'You changed this value' },
  import: { text: 'imported', tone: 'neutral', title: 'Taken from the imported persona' },
  confirmed: { text: 'guess, confirmed', tone: 'edited', title: "The model's guess, which you read and kept" },
  // A wizard persona: what the person said in the chat, or typed in the form.
  chat: { text: 'from chat', tone: 'grounded', title: 'Taken from what you said in the wizard chat' },
  typed: { text: 'typed', tone: 'edited', title: 'Typed in the wizard form' },
  // A draft from the survey responses no persona matches (persona analytics).
  survey: { text: 'from survey group', tone: 'grounded', title: 'Drawn from the answers of a group of survey respondents no persona matches' },
};

export function evidenceTitle(source: BadgeSource, quote?: string): string {
  return quote ? `${LOOK[source].title}: “${quote}”` : LOOK[source].title;
}

/**
 * What a field rests on, as a small button: its explanation and the quoted words open on click or
 * tap (touch screens have no hover) and while it has keyboard focus; hovering still shows the title.
 */
export function EvidenceBadge({ source, quote, testId }: { source: BadgeSource; quote?: string | undefined; testId?: string }) {
  const look = LOOK[source] ?? LOOK.inference;
  const [open, setOpen] = useState(false);
  const detailId = useId();
  const detail = useRef<HTMLSpanElement>(null);
  // On a narrow screen a badge far from the left edge would push its explanation off the screen:
  // shift it back inside the window.
  useLayoutEffect(() => {
    const el = detail.current;
    if (!open || !el) return;
    el.style.transform = '';
    const { left, right } = el.getBoundingClientRect();
    const margin = 8;
    const overflow = right - (document.documentElement.clientWidth - margin);
    if (overflow > 0) el.style.transform = `translateX(-${Math.min(overflow, Math.max(0, left - margin))}px)`;
  }, [open]);
  return (
    <span className="evidence-badge">
      <button
        type="button"
        className={`badge badge--${look.tone} badge--button`}
        title={evidenceTitle(source, quote)}
        aria-expanded={open}
        aria-describedby={open ? detailId : undefined}
        data-testid={testId}
        data-source={source}
        onClick={() => setOpen((o) => !o)}
        onFocus={(e) => {
          if (e.currentTarget.matches(':focus-visible')) setOpen(true);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
      >
        {source === 'inference' ? <span aria-hidden="true">?&nbsp;</span> : null}
        {look.text}
      </button>
      {open ? (
        <span ref={detail} className="evidence-badge__detail" role="tooltip" id={detailId} data-testid={testId ? `${testId}-detail` : undefined}>
          {look.title}
          {quote ? <q className="evidence-badge__quote">{quote}</q> : null}
        </span>
      ) : null}
    </span>
  );
}

const normalise = (s: string) => s.toLowerCase().replace(/…$/, '').replace(/\s+/g, ' ').trim();

/**
 * The words a value rests on, under the field — left out when the value already says them
 * word for word (the badge's tooltip still carries the quote).
 */
export function EvidenceQuote({ evidence, value }: { evidence: FieldEvidence | undefined; value?: string | readonly string[] | undefined }) {
  if (!evidence?.quote || evidence.source === 'inference') return null;
  const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
  if (text && normalise(text).includes(normalise(evidence.quote))) return null;
  return (
    <p className="evidence-quote" title={evidence.quote}>
      <span className="sr-only">Source text: </span>“{evidence.quote}”
    </p>
  );
}
