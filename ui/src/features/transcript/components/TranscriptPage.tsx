import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { StateChange, Transcript, TranscriptMessage, TranscriptTurn, TurnModelCall } from '@schemas/transcript.js';
import { Button } from '../../../shared/components/Button';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { formatDateTime } from '../../../shared/format';
import { paths } from '../../../shared/paths';
import { transcriptDownload, usePromptTemplate, useTranscript } from '../api/transcript';
import '../transcript.css';

const FLOWS: Record<string, { name: string; back: (t: Transcript['session']) => string | null }> = {
  personaDefinition: { name: 'Persona wizard', back: (s) => paths.wizardSession(s.id) },
  buyingProcess: { name: 'Buying-process map', back: (s) => paths.buyingProcessSession(s.id) },
  analyzeContact: { name: 'Meeting prep', back: (s) => (s.subjectId ? paths.contactPrep(s.subjectId) : null) },
};

/** /sessions/:sessionId/transcript — everything a session said and did, and what wrote each reply. */
export function TranscriptPage() {
  const { sessionId = '' } = useParams();
  const transcript = useTranscript(sessionId);
  const t = transcript.data;
  const flow = t ? FLOWS[t.session.flow] : undefined;
  const back = t && flow ? flow.back(t.session) : null;

  return (
    <div className="page page--narrow transcript">
      <div className="page__head">
        <div>
          <h1 className="page-title">Transcript{t?.session.title ? `: ${t.session.title}` : ''}</h1>
          {t ? (
            <p className="muted">
              {flow?.name ?? t.session.flow} · started {formatDateTime(t.session.createdAt)} · {t.turns.length} {t.turns.length === 1 ? 'turn' : 'turns'}
              {back ? (
                <>
                  {' · '}
                  <Link to={back} data-testid="transcript-back">
                    Back to the session
                  </Link>
                </>
              ) : null}
            </p>
          ) : null}
        </div>
        {t ? (
          <div className="transcript__downloads">
            <a className="btn btn--secondary" href={transcriptDownload(sessionId, 'md')} download data-testid="transcript-download-md">
              Download Markdown
            </a>
            <a
              className="btn btn--ghost"
              href={transcriptDownload(sessionId, 'json')}
              download={`transcript-${sessionId}.json`}
              data-testid="transcript-download-json"
            >
              JSON
            </a>
          </div>
        ) : null}
      </div>
      {transcript.isPending ? <Loading label="Loading the transcript…" /> : null}
      {transcript.isError ? (
        <ErrorBanner
          title={transcript.error.status === 404 ? 'This session no longer exists.' : 'Could not load the transcript.'}
          message={transcript.error.message}
          actions={transcript.error.status === 404 ? undefined : <Button onClick={() => void transcript.refetch()}>Try again</Button>}
        />
      ) : null}
      {t && t.turns.length === 0 && t.earlier.length === 0 ? <EmptyState title="Nothing happened in this session yet" /> : null}
      {t?.earlier.length ? (
        <section className="transcript__turn" aria-label="Before turns were recorded">
          <h2 className="transcript__turn-title">Before turns were recorded</h2>
          {t.earlier.map((m) => (
            <Message key={m.id} message={m} />
          ))}
        </section>
      ) : null}
      <ol className="transcript__turns">
        {t?.turns.map((turn) => (
          <Turn key={turn.id} turn={turn} />
        ))}
      </ol>
    </div>
  );
}

function didWhat(input: TranscriptTurn['input']): string {
  switch (input.kind) {
    case 'start':
      return 'Started';
    case 'message':
      return input.fields?.length ? 'Message and form edit' : 'Message';
    case 'form':
      return `Form edit: ${(input.fields ?? []).join(', ')}`;
    case 'action':
      return `Action: ${input.action ?? ''}`;
  }
}

function Turn({ turn }: { turn: TranscriptTurn }) {
  const others = turn.calls.filter((c) => !turn.messages.some((m) => m.writtenBy && sameCall(m.writtenBy, c)));
  return (
    <li className="transcript__turn" data-testid="transcript-turn">
      <h2 className="transcript__turn-title">
        Version {turn.version} · {didWhat(turn.input)} <span className="muted">· {formatDateTime(turn.at)}</span>
      </h2>
      {turn.messages.map((m) => (
        <Message key={m.id} message={m} />
      ))}
      {turn.changes.length ? (
        <div className="transcript__changes">
          <h3 className="transcript__label">Changed</h3>
          <ul>
            {turn.changes.map((c) => (
              <Change key={c.field} change={c} />
            ))}
          </ul>
        </div>
      ) : null}
      {others.length ? (
        <details className="transcript__details">
          <summary>Other model calls ({others.length})</summary>
          {others.map((c, i) => (
            <CallDetails key={i} call={c} />
          ))}
        </details>
      ) : null}
    </li>
  );
}

const sameCall = (a: TurnModelCall, b: TurnModelCall) => a.at === b.at && a.prompt === b.prompt;

function Message({ message: m }: { message: TranscriptMessage }) {
  return (
    <div
      className={`transcript__message transcript__message--${m.role}${m.undoneInVersion !== null ? ' transcript__message--undone' : ''}`}
      data-testid="transcript-message"
    >
      <div className="transcript__who">
        {m.role === 'user' ? 'You' : 'Assistant'} <span className="muted">· {formatDateTime(m.at)}</span>
        {m.undoneInVersion !== null ? <span className="transcript__undone"> · taken back by an undo (version {m.undoneInVersion})</span> : null}
      </div>
      <p className="transcript__text">{m.text}</p>
      {m.writtenBy ? (
        <details className="transcript__details" data-testid="transcript-written-by">
          <summary>
            Written by {m.writtenBy.prompt} · {m.writtenBy.provider}/{m.writtenBy.model}
          </summary>
          <CallDetails call={m.writtenBy} />
        </details>
      ) : null}
    </div>
  );
}

function CallDetails({ call }: { call: TurnModelCall }) {
  const [open, setOpen] = useState(false);
  const template = usePromptTemplate(call.prompt, call.promptVersion, open);
  return (
    <div className="transcript__call">
      <dl className="transcript__facts">
        <dt>Prompt</dt>
        <dd>
          {call.prompt} {call.promptVersion ? <code>version {call.promptVersion}</code> : <span className="muted">(version not recorded)</span>}
        </dd>
        <dt>Model</dt>
        <dd>
          {call.provider}/{call.model}
          {call.success ? '' : ' (failed)'}
        </dd>
        <dt>Tokens</dt>
        <dd>
          {call.inputTokens} in, {call.outputTokens} out{call.tokensEstimated ? ' (estimated)' : ''}
        </dd>
        <dt>Time</dt>
        <dd>{call.latencyMs} ms</dd>
      </dl>
      {call.promptVersion ? (
        <Button variant="ghost" size="sm" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="transcript-show-prompt">
          {open ? 'Hide the prompt' : 'Show the prompt'}
        </Button>
      ) : null}
      {open && template.isPending ? <Loading label="Loading the prompt…" /> : null}
      {open && template.isError ? <ErrorBanner title="Could not load the prompt." message={template.error.message} /> : null}
      {open && template.data ? (
        <pre className="transcript__template" data-testid="transcript-template">
          {template.data.template}
        </pre>
      ) : null}
    </div>
  );
}

const shown = (v: unknown) =>
  v === undefined || v === null || v === '' ? '(empty)' : typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : JSON.stringify(v);

function Change({ change: c }: { change: StateChange }) {
  return (
    <li className="transcript__change">
      <code>{c.field}</code>: <span className="transcript__from">{shown(c.from)}</span> → <span className="transcript__to">{shown(c.to)}</span>
    </li>
  );
}
