import { useState, type FormEvent } from 'react';
import { Button } from '../../../shared/components/Button';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { CopyButton } from '../../../shared/components/CopyButton';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import { formatDateTime, formatRelative } from '../../../shared/format';
import { useMe } from '../../../shared/session/session';
import { useCreateToken, useRevokeToken, useTokens, type ApiToken } from '../api/team';
import { TeamOnly } from './TeamOnly';

/** /settings/tokens — API tokens of this workspace: for scripts and the Genkit client. */
export function TokensPage() {
  return (
    <div className="page page--narrow has-code" data-testid="tokens-page">
      <div className="page__head">
        <div>
          <h1 className="page-title">API tokens</h1>
          <p className="muted">
            A token calls the API and the flows as you, in this workspace only. Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
          </p>
        </div>
      </div>
      <TeamOnly what="API tokens">
        <Tokens />
      </TeamOnly>
    </div>
  );
}

function Tokens() {
  const tokens = useTokens();
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    create.mutate(name.trim(), {
      onSuccess: (r) => {
        setSecret({ name: r.token.name, secret: r.secret });
        setName('');
      },
    });
  }

  return (
    <>
      <section className="panel" aria-labelledby="token-new-title">
        <div className="panel__head">
          <h2 className="panel__title" id="token-new-title">
            New token
          </h2>
        </div>
        <form className="team__invite" onSubmit={submit} noValidate>
          <TextField
            id="token-name"
            testId="token-name"
            label="Name"
            value={name}
            onChange={setName}
            placeholder="e.g. CRM sync script"
            hint="So you know later what uses it."
          />
          <Button type="submit" variant="primary" busy={create.isPending} disabled={!name.trim()} data-testid="token-create">
            Create token
          </Button>
        </form>
        {create.isError ? <ErrorBanner message={create.error.message} /> : null}
        {secret ? <NewSecret name={secret.name} secret={secret.secret} onDone={() => setSecret(null)} /> : null}
      </section>

      <section className="panel" aria-labelledby="token-list-title">
        <div className="panel__head">
          <h2 className="panel__title" id="token-list-title">
            Tokens in this workspace
          </h2>
        </div>
        {tokens.isPending ? <Loading label="Loading tokens…" /> : null}
        {tokens.isError ? (
          <ErrorBanner
            title="Could not load the tokens."
            message={tokens.error.message}
            actions={<Button onClick={() => void tokens.refetch()}>Try again</Button>}
          />
        ) : null}
        {tokens.data?.length === 0 ? (
          <EmptyState title="No API tokens yet">
            <p>Create one above to call personaflow from a script.</p>
          </EmptyState>
        ) : null}
        {tokens.data?.length ? (
          <ul className="team__list" data-testid="token-list">
            {tokens.data.map((t) => (
              <TokenRow key={t.id} token={t} />
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}

function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone(): void }) {
  const origin = window.location.origin;
  const curl = `curl -H "Authorization: Bearer ${secret}" ${origin}/api/personas`;
  const genkit = `import { runFlow } from 'genkit/beta/client';

const result = await runFlow({
  url: '${origin}/api/flows/generatePersona',
  input: { /* the flow's input */ },
  headers: { Authorization: 'Bearer ${secret}' },
});`;
  return (
    <div className="team__created team__secret" data-testid="token-secret-box" role="status">
      <p>
        <strong>Your new token “{name}”.</strong> Copy it now: <strong>it will not be shown again</strong> (only a fingerprint is kept). Lost it? Revoke it and
        make a new one.
      </p>
      <div className="copybox">
        <code className="copybox__text" data-testid="token-secret">
          {secret}
        </code>
        <CopyButton text={secret} label="Copy token" testId="token-secret-copy" />
      </div>
      <Example title="With curl" code={curl} testId="token-example-curl" />
      <Example title="With the Genkit client (genkit/beta/client)" code={genkit} testId="token-example-genkit" />
      <div>
        <Button size="sm" onClick={onDone} data-testid="token-secret-done">
          I have copied it
        </Button>
      </div>
    </div>
  );
}

function Example({ title, code, testId }: { title: string; code: string; testId: string }) {
  return (
    <div className="team__example">
      <div className="team__example-head">
        <span className="field__label">{title}</span>
        <CopyButton text={code} testId={`${testId}-copy`} />
      </div>
      <pre className="codeblock" data-testid={testId}>
        {code}
      </pre>
    </div>
  );
}

function TokenRow({ token }: { token: ApiToken }) {
  const me = useMe();
  const revoke = useRevokeToken();
  const [confirming, setConfirming] = useState(false);
  const mine = me.data?.mode === 'team' && me.data.user.id === token.createdById;
  const canRevoke = mine || me.data?.workspace?.role === 'owner';
  return (
    <li className="team__row" data-testid="token-row">
      <div className="team__who">
        <span className="team__name">{token.name}</span>
        <span className="team__meta muted small">
          <code>{token.prefix}…</code> · by {token.createdBy} · created {formatDateTime(token.createdAt)} ·{' '}
          {token.lastUsedAt ? <span title={formatDateTime(token.lastUsedAt)}>used {formatRelative(token.lastUsedAt)}</span> : 'never used'}
        </span>
        {revoke.isError ? <span className="field__error">{revoke.error.message}</span> : null}
      </div>
      {canRevoke ? (
        <div className="team__actions">
          <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} data-testid="token-revoke">
            Revoke
          </Button>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Revoke “${token.name}”?`}
        confirmLabel="Revoke"
        busy={revoke.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => revoke.mutate(token.id, { onSettled: () => setConfirming(false) })}
      >
        <p>Anything using this token stops working at once. This cannot be undone.</p>
      </ConfirmDialog>
    </li>
  );
}
