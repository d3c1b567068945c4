import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { formatDateTime, formatRelative } from '../../../shared/format';
import { useRegeneratePersona, type Lead } from '../api/leads';

/** The lead persona: generating (the lead polls meanwhile), ready (every part of it), or failed (the error and Retry). */
export function PersonaTab({ lead }: { lead: Lead }) {
  const regenerate = useRegeneratePersona(lead.id);
  const status = lead.personaStatus;
  const p = lead.persona;

  return (
    <div className="lead-persona" data-testid="lead-persona" data-status={status}>
      {regenerate.isError ? (
        <ErrorBanner
          title="Could not start a new persona."
          message={regenerate.error.message}
          actions={<Button onClick={() => regenerate.mutate()}>Try again</Button>}
          onDismiss={() => regenerate.reset()}
        />
      ) : null}

      {status === 'pending' ? (
        <div className="lead-persona__pending" role="status">
          <span className="spinner spinner--lg" aria-hidden="true" />
          <div>
            <p className="lead-persona__pending-title">Generating {lead.name}'s persona…</p>
            <p className="muted small">
              It is written in the background from what you entered: their position, what they need, their {sourceWords(lead)}, any pasted LinkedIn text and
              what their website said when last researched. This page updates by itself when it is ready; you can leave and come back.
            </p>
          </div>
        </div>
      ) : null}

      {status === 'failed' ? (
        <ErrorBanner
          title="The persona could not be generated."
          message={lead.personaError || 'The generator did not say why.'}
          testId="lead-persona-error"
          actions={
            <Button onClick={() => regenerate.mutate()} busy={regenerate.isPending} data-testid="lead-persona-retry">
              Retry
            </Button>
          }
        />
      ) : null}

      {/* While a new one is generated, the previous persona (if any) stays readable, dimmed. */}
      {p ? (
        <article className={`lead-persona__doc${status === 'pending' ? ' lead-persona__doc--stale' : ''}`}>
          <header className="lead-persona__head">
            <div className="lead-persona__title-box">
              <h2 className="lead-persona__title" data-testid="lead-persona-title">
                {p.title}
              </h2>
              <p className="lead-persona__meta">
                <span className="badge badge--info" title="Industry">
                  Industry: {p.industry}
                </span>
                {lead.personaGeneratedAt ? (
                  <span className="muted small" title={formatDateTime(lead.personaGeneratedAt)} data-testid="lead-persona-generated-at">
                    Generated {formatRelative(lead.personaGeneratedAt)} · {formatDateTime(lead.personaGeneratedAt)}
                  </span>
                ) : null}
              </p>
            </div>
            {status !== 'pending' ? (
              <div className="lead-persona__actions">
                <Button onClick={() => regenerate.mutate()} busy={regenerate.isPending} data-testid="lead-persona-regenerate">
                  Regenerate
                </Button>
              </div>
            ) : null}
          </header>
          <p className="muted small lead-persona__reuse">
            Every email to {lead.name} uses this persona. It is only rewritten when you press Regenerate (e.g. after editing their details).
          </p>

          <div className="lead-persona__grid">
            <Section title="Pain points" items={p.painPoints} />
            <Section title="Priorities" items={p.priorities} />
            <Section title="Icebreaker hooks" items={p.icebreakerHooks} empty="None found in their data." />
            <Section title="Opening lines" items={p.openingLines} empty="None suggested." quote />
          </div>
          <TextSection title="Company context" text={p.companyContext} />
          <TextSection title="Key takeaways" text={p.keyTakeaways} />
        </article>
      ) : null}

      {status === 'ready' && !p ? <p className="muted">The persona is marked ready but has no content. Regenerate it.</p> : null}
    </div>
  );
}

function sourceWords(lead: Lead): string {
  if (lead.linkedinUrl && lead.websiteUrl) return 'LinkedIn and website addresses';
  return lead.linkedinUrl ? 'LinkedIn address' : 'website address';
}

function Section({ title, items, empty, quote }: { title: string; items: string[]; empty?: string; quote?: boolean }) {
  return (
    <section className="lead-persona__section">
      <h3 className="group__legend">{title}</h3>
      {items.length ? (
        <ul className={`bullets${quote ? ' lead-persona__quotes' : ''}`}>
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{empty ?? 'None.'}</p>
      )}
    </section>
  );
}

function TextSection({ title, text }: { title: string; text: string }) {
  return (
    <section className="lead-persona__section">
      <h3 className="group__legend">{title}</h3>
      {text.trim() ? <p className="prewrap">{text}</p> : <p className="muted small">Nothing noted.</p>}
    </section>
  );
}
