import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import {
  useProviderSettings,
  useSwitchProvider,
  useTestProvider,
  type ProviderInfo,
  type ProviderKind,
  type ProviderSettings,
  type ProviderTestResult,
} from '../api/provider';
import { paths } from '../../../shared/paths';

const NAMES: Record<ProviderKind, string> = {
  gemini: 'Google Gemini',
  openai: 'OpenAI',
  anthropic: 'Anthropic Claude',
  compatible: 'OpenAI-compatible server',
  offline: 'Offline generator',
};
const HOW: Record<ProviderKind, string> = {
  gemini: 'Configured with GEMINI_API_KEY.',
  openai: 'Configured with OPENAI_API_KEY.',
  anthropic: 'Configured with ANTHROPIC_API_KEY.',
  compatible: 'Configured with LLM_BASE_URL.',
  offline: 'Rule-based, no AI and no key. Always available.',
};

/** /settings/model — which language model answers, switching between configured ones, a test call. */
export function ProviderSettingsPage() {
  const settings = useProviderSettings();
  return (
    <div className="page page--narrow" data-testid="provider-page">
      <div className="page__head">
        <div>
          <h1 className="page-title">Model provider</h1>
          <p className="muted">The language model that writes personas, buying-process maps and meeting briefs.</p>
        </div>
      </div>
      {settings.isPending ? <Loading label="Loading the model provider…" /> : null}
      {settings.isError ? (
        <ErrorBanner
          title="Could not load the model provider."
          message={settings.error.message}
          actions={<Button onClick={() => void settings.refetch()}>Try again</Button>}
        />
      ) : null}
      {settings.data ? <ProviderSettingsView settings={settings.data} /> : null}
    </div>
  );
}

function ProviderSettingsView({ settings }: { settings: ProviderSettings }) {
  const { active, available } = settings;
  const switcher = useSwitchProvider();
  const tester = useTestProvider();
  const [choice, setChoice] = useState<ProviderKind>(active.provider);
  // The active provider is always offered, even if the server left it out of `available`.
  const options = available.some((a) => a.provider === active.provider) ? available : [active, ...available];

  return (
    <>
      <section className="panel provider-active" data-testid="provider-active" data-provider={active.provider} data-offline={String(active.offline)}>
        <div className="panel__head">
          <h2 className="panel__title">Active now</h2>
          {active.offline ? <span className="badge badge--warning">Offline</span> : <span className="badge badge--success">AI provider</span>}
        </div>
        <dl className="facts">
          <div>
            <dt>Provider</dt>
            <dd>{NAMES[active.provider] ?? active.provider}</dd>
          </div>
          <div>
            <dt>Model</dt>
            <dd className="mono">{active.model}</dd>
          </div>
        </dl>
        {active.offline ? (
          <p className="muted small">
            No AI provider is configured, so a rule-based offline generator answers. It reads what you type by rules and can complete every flow, but a real
            model writes far better suggestions and briefs.
          </p>
        ) : null}

        <div className="provider-test">
          <Button onClick={() => tester.mutate()} busy={tester.isPending} data-testid="provider-test" title="Sends a tiny prompt to the active model">
            Test connection
          </Button>
          {tester.isPending ? <span className="muted small">Asking {active.model}…</span> : null}
        </div>
        {tester.data ? <TestResult result={tester.data} onDismiss={() => tester.reset()} /> : null}
        {tester.error ? (
          <div data-testid="provider-test-result" data-ok="false">
            <ErrorBanner message={tester.error.message} onDismiss={() => tester.reset()} />
          </div>
        ) : null}
      </section>

      <section className="panel">
        <div className="panel__head">
          <h2 className="panel__title">Switch provider</h2>
          <span className="panel__hint">Only providers configured on the server are listed.</span>
        </div>
        <form
          className="provider-form"
          onSubmit={(e) => {
            e.preventDefault();
            tester.reset();
            switcher.mutate(choice);
          }}
        >
          <fieldset className="provider-options">
            <legend className="sr-only">Provider</legend>
            {options.map((o) => (
              <ProviderOption key={o.provider} option={o} active={o.provider === active.provider} checked={choice === o.provider} onPick={setChoice} />
            ))}
          </fieldset>
          {options.length < 2 ? (
            <p className="muted small provider-options__none">
              No other provider is configured. Set one of the keys below on the server and restart it to switch.
            </p>
          ) : null}
          {switcher.error ? <ErrorBanner message={switcher.error.message} onDismiss={() => switcher.reset()} /> : null}
          {switcher.isSuccess && switcher.data.active.provider === active.provider ? (
            <ErrorBanner tone="success" message={`Now using ${switcher.data.active.label}.`} onDismiss={() => switcher.reset()} testId="provider-switched" />
          ) : null}
          <div className="editor__actions">
            <Button type="submit" variant="primary" busy={switcher.isPending} disabled={choice === active.provider} data-testid="provider-switch">
              Use this provider
            </Button>
          </div>
        </form>
      </section>

      <section className="panel">
        <div className="panel__head">
          <h2 className="panel__title">Keys and limits</h2>
        </div>
        <div className="prose small">
          <p>
            API keys are set on the server with environment variables and never reach the browser: <code>GEMINI_API_KEY</code> for Gemini,{' '}
            <code>OPENAI_API_KEY</code> for OpenAI, <code>ANTHROPIC_API_KEY</code> for Claude, or <code>LLM_BASE_URL</code> (with <code>MODEL</code>) for an
            OpenAI-compatible server such as Ollama. <code>MODEL</code> also picks the model. Restart the server after changing them.
          </p>
          <p>When none is set, the offline generator is used.</p>
        </div>
        <dl className="facts facts--three">
          <div>
            <dt>Timeout per call</dt>
            <dd data-testid="provider-timeout">{formatMs(settings.timeoutMs)}</dd>
          </div>
          <div>
            <dt>Retries</dt>
            <dd data-testid="provider-retries">{settings.maxRetries}</dd>
          </div>
          <div>
            <dt>Fallback model</dt>
            <dd data-testid="provider-fallback" className={settings.fallbackModel ? 'mono' : 'muted'}>
              {settings.fallbackModel ?? 'None'}
            </dd>
          </div>
        </dl>
        <p className="muted small has-code">
          Read-only here; set on the server with <code>MODEL_TIMEOUT_MS</code>, <code>MODEL_MAX_RETRIES</code> and <code>MODEL_FALLBACK</code>. See what the
          calls cost on the <Link to={paths.usage}>usage page</Link>.
        </p>
      </section>
    </>
  );
}

function ProviderOption({ option, active, checked, onPick }: { option: ProviderInfo; active: boolean; checked: boolean; onPick: (p: ProviderKind) => void }) {
  return (
    <label className={`provider-option${checked ? ' provider-option--checked' : ''}`} data-testid={`provider-option-${option.provider}`}>
      <input type="radio" name="provider" value={option.provider} checked={checked} onChange={() => onPick(option.provider)} />
      <span className="provider-option__body">
        <span className="provider-option__name">
          {NAMES[option.provider] ?? option.provider}
          {active ? <span className="badge badge--info">Active</span> : null}
        </span>
        <span className="provider-option__meta">
          <span className="mono">{option.model}</span> · {HOW[option.provider] ?? option.label}
        </span>
      </span>
    </label>
  );
}

function TestResult({ result, onDismiss }: { result: ProviderTestResult; onDismiss: () => void }) {
  if (result.ok) {
    return (
      <div data-testid="provider-test-result" data-ok="true">
        <ErrorBanner
          tone="success"
          title={`Connected to ${result.model} in ${formatMs(result.latencyMs)}.`}
          message={result.reply ? <>It replied: “{result.reply}”</> : 'It answered with an empty reply.'}
          onDismiss={onDismiss}
        />
      </div>
    );
  }
  return (
    <div data-testid="provider-test-result" data-ok="false">
      <ErrorBanner title={`${result.model} did not answer.`} message={result.message} onDismiss={onDismiss} />
    </div>
  );
}

function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
