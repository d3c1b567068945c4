import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { SUGGESTED_TONES, ToneSchema } from '@schemas/email.js';
import type { ApiError } from '../../../shared/api/errors';
import { Button } from '../../../shared/components/Button';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { Fold } from '../../../shared/components/Fold';
import { products, sortProducts } from '../../../shared/catalog/products';
import { formatDateTime } from '../../../shared/format';
import {
  streamDraft,
  unresolvedMergeFields,
  useAcceptDraft,
  useLeadDrafts,
  type AcceptedDraft,
  type DraftSoFar,
  type EmailDraft,
  type Lead,
} from '../api/leads';

const OTHER = '__other__';

type Run = { status: 'idle' } | { status: 'streaming'; soFar: DraftSoFar } | { status: 'error'; error: ApiError };

/** The email preview: choose a tone (and a product), stream a draft, edit it, accept it. */
export function EmailTab({ lead }: { lead: Lead }) {
  const [toneChoice, setToneChoice] = useState<string>('friendly');
  const [customTone, setCustomTone] = useState('');
  const [toneError, setToneError] = useState<string | null>(null);
  const [productId, setProductId] = useState('');
  const [instructions, setInstructions] = useState('');

  const [run, setRun] = useState<Run>({ status: 'idle' });
  const [draft, setDraft] = useState<EmailDraft | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [accepted, setAccepted] = useState<AcceptedDraft | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  const productList = products.useList();
  const productItems = sortProducts(productList.data);
  const history = useLeadDrafts(lead.id);
  const accept = useAcceptDraft(lead.id);

  // Leaving the page stops a draft being written.
  useEffect(() => () => abortRef.current?.abort(), []);

  const tone = toneChoice === OTHER ? customTone.trim() : toneChoice;
  const streaming = run.status === 'streaming';
  const edited = draft !== null && (subject !== draft.subject || body !== draft.body);
  // {{merge fields}} are found as you type; other placeholders the server flagged (e.g. "[Your Name]") count while they remain.
  const unresolved = draft
    ? [...new Set([...unresolvedMergeFields(subject, body), ...draft.unresolvedFields.filter((f) => !f.startsWith('{{') && `${subject}\n${body}`.includes(f))])]
    : [];
  const acceptedCurrent = accepted !== null && accepted.subject === subject.trim() && accepted.body === body.trim();

  async function generate() {
    const parsedTone = ToneSchema.safeParse(tone);
    if (!parsedTone.success) {
      setToneError(parsedTone.error.issues[0]?.message ?? 'Choose a tone');
      return;
    }
    setToneError(null);
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setRun({ status: 'streaming', soFar: { subject: '', body: '' } });
    accept.reset();
    try {
      const result = await streamDraft(
        { leadId: lead.id, tone: parsedTone.data, productId: productId || null, instructions: instructions.trim() },
        (soFar) => {
          if (!controller.signal.aborted) setRun({ status: 'streaming', soFar });
        },
        controller.signal,
      );
      if (controller.signal.aborted) return;
      setDraft(result);
      setSubject(result.subject);
      setBody(result.body);
      setAccepted(null);
      setRun({ status: 'idle' });
    } catch (e) {
      if (controller.signal.aborted) return;
      setRun({ status: 'error', error: e as ApiError });
    }
  }

  function stop() {
    abortRef.current?.abort();
    setRun({ status: 'idle' });
  }

  function acceptDraft() {
    accept.mutate(
      { subject: subject.trim(), body: body.trim(), tone: draft?.tone || tone },
      { onSuccess: (saved) => setAccepted(saved) },
    );
  }

  const acceptFieldErrors = accept.error?.status === 400 ? accept.error.fields : [];
  const fieldError = (f: 'subject' | 'body') => acceptFieldErrors.find((p) => p.path.split('.').includes(f))?.message;

  return (
    <div className="draft" data-testid="lead-email">
      <form
        className="draft__controls"
        onSubmit={(e) => {
          e.preventDefault();
          void generate();
        }}
      >
        <div className="draft__control draft__control--tone">
          <label className="field__label" htmlFor="draft-tone">
            Tone
          </label>
          <select
            id="draft-tone"
            className="input"
            data-testid="draft-tone"
            value={toneChoice}
            disabled={streaming}
            onChange={(e) => {
              setToneChoice(e.target.value);
              setToneError(null);
            }}
          >
            {SUGGESTED_TONES.map((t) => (
              <option key={t} value={t}>
                {t[0]!.toUpperCase() + t.slice(1)}
              </option>
            ))}
            <option value={OTHER}>Other…</option>
          </select>
          {toneChoice === OTHER ? (
            <input
              className={`input draft__custom-tone${toneError ? ' input--invalid' : ''}`}
              aria-label="Your own tone"
              placeholder="e.g. warm but brief"
              value={customTone}
              maxLength={40}
              disabled={streaming}
              data-testid="draft-tone-custom"
              onChange={(e) => {
                setCustomTone(e.target.value);
                setToneError(null);
              }}
            />
          ) : null}
          {toneError ? (
            <p className="field__error" role="alert">
              {toneError}
            </p>
          ) : null}
        </div>

        <div className="draft__control">
          <label className="field__label" htmlFor="draft-product">
            Product to pitch
          </label>
          <select
            id="draft-product"
            className="input"
            data-testid="draft-product"
            value={productId}
            disabled={streaming || productList.isPending}
            onChange={(e) => setProductId(e.target.value)}
          >
            <option value="">{productList.isPending ? 'Loading products…' : 'No particular product'}</option>
            {productItems.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {productList.data && productItems.length === 0 ? (
            <span className="field__hint">
              No products yet. <Link to="/products/builder">Add one</Link> to pitch it.
            </span>
          ) : null}
        </div>

        <div className="draft__control draft__control--wide">
          <label className="field__label" htmlFor="draft-instructions">
            Extra instructions <span className="muted small">(optional)</span>
          </label>
          <input
            id="draft-instructions"
            className="input"
            data-testid="draft-instructions"
            placeholder="e.g. Mention the webinar next Tuesday; keep it under 120 words"
            value={instructions}
            maxLength={1000}
            disabled={streaming}
            onChange={(e) => setInstructions(e.target.value)}
          />
        </div>

        <div className="draft__control draft__control--button">
          {streaming ? (
            <Button onClick={stop} data-testid="draft-stop">
              Stop
            </Button>
          ) : null}
          <Button type="submit" variant="primary" busy={streaming} data-testid="draft-generate">
            {streaming ? 'Writing…' : draft ? 'Regenerate' : 'Generate email'}
          </Button>
        </div>
      </form>
      {draft && edited && !streaming ? <p className="muted small draft__replace-note">Regenerating replaces your edits below.</p> : null}

      {lead.personaStatus !== 'ready' ? (
        <p className="note" data-testid="draft-persona-note">
          {lead.personaStatus === 'pending'
            ? `${lead.name}'s persona is still being generated. A draft waits for it, so the first one takes a little longer.`
            : `${lead.name}'s persona could not be generated. Generating an email tries again first; if that fails, retry from the Persona tab.`}
        </p>
      ) : null}
      {!lead.email ? (
        <p className="note">{lead.name} has no email address yet. You can draft and accept an email, but a campaign cannot send it until you add one.</p>
      ) : null}
      {lead.suppressed ? (
        <ErrorBanner tone="warning" message={`${lead.email} unsubscribed. Campaigns will not send to this address.`} />
      ) : null}

      {run.status === 'error' ? (
        <ErrorBanner
          title="The email could not be written."
          message={run.error.message}
          testId="draft-error"
          actions={<Button onClick={() => void generate()}>Try again</Button>}
          onDismiss={() => setRun({ status: 'idle' })}
        />
      ) : null}

      {run.status === 'streaming' ? <StreamingPreview soFar={run.soFar} /> : null}

      {!streaming && draft ? (
        <section className="panel draft__editor" aria-label="Draft email" data-testid="draft-editor">
          <div className="draft__editor-head">
            <h2 className="panel__title">Draft</h2>
            <span className="muted small">
              Tone: {draft.tone}
              {edited ? ' · edited by you' : ''}
            </span>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="draft-subject">
              Subject
            </label>
            <input
              id="draft-subject"
              className={`input${fieldError('subject') ? ' input--invalid' : ''}`}
              data-testid="draft-subject"
              value={subject}
              maxLength={200}
              onChange={(e) => {
                setSubject(e.target.value);
                if (accept.isError) accept.reset();
              }}
            />
            {fieldError('subject') ? <p className="field__error">{fieldError('subject')}</p> : null}
          </div>
          <div className="field">
            <label className="field__label" htmlFor="draft-body">
              Body
            </label>
            <textarea
              id="draft-body"
              className={`input draft__body${fieldError('body') ? ' input--invalid' : ''}`}
              data-testid="draft-body"
              rows={12}
              value={body}
              onChange={(e) => {
                setBody(e.target.value);
                if (accept.isError) accept.reset();
              }}
            />
            {fieldError('body') ? <p className="field__error">{fieldError('body')}</p> : null}
          </div>

          {unresolved.length ? (
            <ErrorBanner
              tone="warning"
              testId="draft-unresolved"
              title="Placeholders left in the text."
              message={`Replace ${unresolved.join(', ')} before accepting: an email is never sent with a placeholder in it.`}
            />
          ) : null}

          {draft.warnings.length ? (
            <div className="note" data-testid="draft-warnings">
              <p className="note__title">Check before you accept</p>
              <ul>
                {draft.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </div>
          ) : null}

          <PersonalDetails draft={draft} edited={edited} />

          {draft.stage ? (
            <p className="muted small" data-testid="draft-stage">
              Buying stage: <strong>{draft.stage.name}</strong>
              {draft.stage.keyMessage ? ` — key message: ${draft.stage.keyMessage}` : ''}
            </p>
          ) : null}

          {accept.isError && !acceptFieldErrors.length ? (
            <ErrorBanner title="Not accepted." message={accept.error.message} onDismiss={() => accept.reset()} />
          ) : null}
          {acceptedCurrent ? (
            <ErrorBanner
              tone="success"
              testId="draft-accepted"
              message={`Accepted — this draft will be used when a campaign sends to ${lead.name} (as the campaign's first email).`}
            />
          ) : accepted ? (
            <p className="muted small">You changed the text after accepting it. Accept again to use this version.</p>
          ) : null}

          <div className="editor__actions draft__actions">
            <Button
              variant="primary"
              onClick={acceptDraft}
              busy={accept.isPending}
              disabled={unresolved.length > 0 || !subject.trim() || !body.trim() || acceptedCurrent}
              data-testid="draft-accept"
              title={unresolved.length ? `Replace ${unresolved.join(', ')} first` : undefined}
            >
              {acceptedCurrent ? 'Accepted' : 'Accept'}
            </Button>
            {unresolved.length ? <span className="muted small">Replace {unresolved.join(', ')} to accept.</span> : null}
            {edited ? (
              <Button
                variant="ghost"
                onClick={() => {
                  setSubject(draft.subject);
                  setBody(draft.body);
                }}
              >
                Undo my edits
              </Button>
            ) : null}
          </div>
        </section>
      ) : null}

      {!streaming && !draft && run.status !== 'error' ? (
        <div className="draft__empty">
          <p>
            Choose a tone and press <strong>Generate email</strong>. The draft is written from {lead.name}'s details and persona; you can edit
            it, try another tone, and accept the one a campaign should send.
          </p>
        </div>
      ) : null}

      <AcceptedDrafts drafts={history.data} error={history.error} onRetry={() => void history.refetch()} leadName={lead.name} />
    </div>
  );
}

function StreamingPreview({ soFar }: { soFar: DraftSoFar }) {
  const started = soFar.subject || soFar.body;
  return (
    <section className="panel draft__stream" aria-live="polite" aria-busy="true" data-testid="draft-streaming">
      <p className="draft__stream-status">
        <span className="spinner" aria-hidden="true" />
        {started ? 'Writing the email…' : 'Reading their persona and starting the draft…'}
      </p>
      <p className="draft__stream-subject">
        <span className="field__label">Subject</span> {soFar.subject || <span className="muted">…</span>}
      </p>
      <div className="draft__stream-body prewrap">
        {soFar.body}
        <span className="draft__caret" aria-hidden="true" />
      </div>
    </section>
  );
}

function PersonalDetails({ draft, edited }: { draft: EmailDraft; edited: boolean }) {
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
};

/** "persona.painPoints" → "their persona (pain points)"; "lead.requirement" → "what they need". */
function sourceLabel(source: string): string {
  const [root, ...rest] = source.trim().split('.');
  const field = rest.join('.').replace(/\[\d+\]$/, '');
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  if (root === 'lead') return LEAD_FIELD_LABELS[field] ?? (words ? `their details (${words})` : 'their details');
  if (root === 'persona') return words ? `their persona (${words})` : 'their persona';
  return source || 'an unnamed source';
}

function AcceptedDrafts({
  drafts,
  error,
  onRetry,
  leadName,
}: {
  drafts: AcceptedDraft[] | undefined;
  error: ApiError | null;
  onRetry: () => void;
  leadName: string;
}) {
  if (error) {
    return <ErrorBanner title="Could not load the accepted drafts." message={error.message} actions={<Button onClick={onRetry}>Try again</Button>} />;
  }
  if (!drafts?.length) return null;
  const inUse = drafts.find((d) => !d.campaignId)?.id;
  return (
    <section className="draft__history" data-testid="draft-history">
      <h2 className="section-title">
        Accepted drafts <span className="muted small">({drafts.length})</span>
      </h2>
      <p className="muted small">
        A campaign's first email to {leadName} is the newest draft accepted here (unless you accepted one for that campaign); later steps
        are written when they are sent.
      </p>
      <ul className="draft__history-list">
        {drafts.map((d) => (
          <li key={d.id} data-testid="draft-history-item">
            <Fold
              summary={
                <span className="draft__history-summary">
                  <span className="draft__history-subject">{d.subject}</span>
                  <span className="muted small">
                    {d.tone} · accepted {formatDateTime(d.acceptedAt)}
                  </span>
                  {d.campaignId ? (
                    <span className="tag">For one campaign</span>
                  ) : d.id === inUse ? (
                    <span className="badge badge--success">In use</span>
                  ) : null}
                </span>
              }
            >
              <pre className="pasted draft__history-body">{d.body}</pre>
            </Fold>
          </li>
        ))}
      </ul>
    </section>
  );
}
