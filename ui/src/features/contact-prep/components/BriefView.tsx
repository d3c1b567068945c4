import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { PersonaMatch } from '@schemas/contact-analysis.js';
import type { ContactAnalysis } from '../api/contact-prep';
import { paths } from '../../../shared/paths';
import { OutputFeedback } from '../../../shared/feedback/OutputFeedback';

type Props = {
  analysis: ContactAnalysis;
  /** The session's current version (an earlier one is read-only). */
  current: boolean;
  productName: string | null;
};

/** One brief, read-only, in the order a seller uses it: who → how to speak → what to say → what we don't know → context. */
export function BriefView({ analysis, current, productName }: Props) {
  const b = analysis.brief;
  return (
    <article className="brief__doc" data-testid="prep-brief" data-version={analysis.version} data-current={current}>
      <p className="brief__meta">
        <span className={`badge${current ? ' badge--info' : ''}`}>Version {analysis.version}</span>
        <span className="badge">{productName ? `Pitching ${productName}` : 'No product'}</span>
        {b.gaps.length ? (
          <button
            type="button"
            className="badge badge--warning brief__gaps-link"
            onClick={() => document.getElementById('prep-gaps')?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
          >
            {b.gaps.length} thing{b.gaps.length === 1 ? '' : 's'} we don't know yet ↓
          </button>
        ) : null}
      </p>

      <Section title="Who they are" testId="prep-who">
        <p className="prewrap">{b.whoTheyAre}</p>
      </Section>

      <Section title="Likely priorities" testId="prep-priorities">
        <List items={b.likelyPriorities} empty="Nothing in their data says what they care about." />
      </Section>

      <Section title="How to speak with them" testId="prep-tone">
        <p className="prewrap">{b.tone}</p>
        {b.wordsToUse.length || b.wordsToAvoid.length ? (
          <div className="brief__words">
            {b.wordsToUse.length ? (
              <div>
                <h4 className="brief__label">Words to use</h4>
                <ul className="word-list" data-testid="prep-words-use">
                  {b.wordsToUse.map((w) => (
                    <li key={w} className="word word--use">
                      {w}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {b.wordsToAvoid.length ? (
              <div>
                <h4 className="brief__label">Words to avoid</h4>
                <ul className="word-list" data-testid="prep-words-avoid">
                  {b.wordsToAvoid.map((w) => (
                    <li key={w} className="word word--avoid">
                      {w}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        ) : null}
      </Section>

      <Section title="Opening line" testId="prep-opening-line">
        <blockquote className="brief__quote">{b.openingLine}</blockquote>
      </Section>

      <Section title="Talk track" testId="prep-talk-track">
        {b.talkTrack.length ? (
          <ol className="brief__steps">
            {b.talkTrack.map((beat, i) => (
              <li key={i}>{beat}</li>
            ))}
          </ol>
        ) : (
          <p className="muted">No talk track in this version.</p>
        )}
      </Section>

      <Section title="Questions to ask" testId="prep-questions">
        <List items={b.questionsToAsk} empty="No questions in this version." />
      </Section>

      <Section title="Likely objections" testId="prep-objections">
        {b.objections.length ? (
          <dl className="objections">
            {b.objections.map((o, i) => (
              <div key={i} className="objection">
                <dt>“{o.objection}”</dt>
                <dd>{o.response}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="muted">No objections foreseen.</p>
        )}
      </Section>

      <Section title="Next step" testId="prep-next-step">
        <p className="brief__next prewrap">{b.nextStep}</p>
      </Section>

      {b.gaps.length ? (
        <section className="callout callout--amber brief__gaps" id="prep-gaps" data-testid="prep-gaps" aria-labelledby="prep-gaps-title">
          <h3 className="brief__gaps-title" id="prep-gaps-title">
            What we don't know yet
          </h3>
          <ul className="bullets">
            {b.gaps.map((g, i) => (
              <li key={i}>{g}</li>
            ))}
          </ul>
          <p className="small">Find these out before or during the meeting: the brief above only rests on what you saved about them.</p>
        </section>
      ) : null}

      <Section title="Personas they resemble" testId="prep-matches">
        {b.personaMatches.length ? (
          <ul className="matches">
            {b.personaMatches.map((m) => (
              <MatchItem key={m.personaId} match={m} />
            ))}
          </ul>
        ) : (
          <p className="muted">
            None of your saved personas matches them on title, function, seniority, industry, company size or pain points.{' '}
            <Link to={paths.personas}>Open the persona library</Link>
          </p>
        )}
      </Section>

      <Section title="Where they are in the buying process" testId="prep-stage">
        {b.buyingStage ? (
          <div className="stage-guess">
            <p>
              Probably in: <strong className="stage-guess__name">{b.buyingStage.stageName}</strong>
            </p>
            {b.buyingStage.why ? <p className="prewrap">{b.buyingStage.why}</p> : null}
            <dl className="stage-guess__facts">
              <div>
                <dt>Key message</dt>
                <dd>{b.buyingStage.keyMessage || '—'}</dd>
              </div>
              <div>
                <dt>Content</dt>
                <dd>{b.buyingStage.contentType || '—'}</dd>
              </div>
            </dl>
            <Link to={paths.buyingProcessSession(b.buyingStage.mapId)} className="small">
              Open the buying-process map →
            </Link>
          </div>
        ) : (
          <p className="muted">
            {b.personaMatches.length
              ? 'No buying-process map fits them yet: map the buying process of the persona they resemble to see which stage they are probably in.'
              : 'Unknown: no persona matches them, so no buying-process map applies.'}{' '}
            <Link to={paths.buyingProcessMaps}>Buying-process maps</Link>
          </p>
        )}
      </Section>
      {current ? <OutputFeedback target={{ kind: 'brief', id: analysis.id }} question="Was this brief helpful?" /> : null}
    </article>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="brief__section" data-testid={testId}>
      <h3 className="brief__heading">{title}</h3>
      {children}
    </section>
  );
}

function List({ items, empty }: { items: string[]; empty: string }) {
  if (!items.length) return <p className="muted">{empty}</p>;
  return (
    <ul className="bullets">
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}

/** "contact / persona", or the value once when both sides say the same long thing (e.g. shared pain points). */
function sides(contact: string, persona: string) {
  if (contact.trim().toLowerCase() === persona.trim().toLowerCase() && contact.length > 40) return contact;
  return `${contact} / ${persona}`;
}

function MatchItem({ match }: { match: PersonaMatch }) {
  const n = match.matched.length;
  return (
    <li className="match" data-testid="prep-match" data-persona-id={match.personaId}>
      <div className="match__head">
        <Link to={paths.persona(match.personaId)} className="match__name">
          {match.personaName}
        </Link>
        <span className="badge badge--success">
          {n} rule{n === 1 ? '' : 's'} matched
        </span>
      </div>
      <ul className="match__rules">
        {match.matched.map((r, i) => (
          <li key={i}>
            <span className="match__ok" aria-hidden="true">
              ✓
            </span>{' '}
            <strong>{r.rule}</strong> — {sides(r.contact, r.persona)}
          </li>
        ))}
      </ul>
      {match.unmatched.length ? (
        <p className="match__differs small">
          <span className="match__label">Differs:</span> {match.unmatched.join(' · ')}
        </p>
      ) : null}
    </li>
  );
}
