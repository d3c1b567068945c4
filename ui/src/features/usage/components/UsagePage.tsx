import { useSearchParams } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { EmptyState, Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { formatDate } from '../../../shared/format';
import { USAGE_PERIODS, useUsage, type FlowUsage, type PromptUsage, type UsagePeriod, type UsageReport } from '../api/usage';
import { formatCost, formatCount, formatPrice } from '../format';

const isPeriod = (n: number): n is UsagePeriod => (USAGE_PERIODS as readonly number[]).includes(n);

/** /usage — model calls, tokens, failures and an estimated cost, per flow and per prompt. */
export function UsagePage() {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('days'));
  const days: UsagePeriod = isPeriod(asked) ? asked : 30;
  const usage = useUsage(days);

  return (
    <div className="page" data-testid="usage-page">
      <div className="page__head">
        <div>
          <h1 className="page-title">Model usage</h1>
          <p className="muted">Calls to the language model by flow and prompt, with tokens and an estimated cost.</p>
        </div>
        <label className="usage__period">
          <span className="field__label">Period</span>
          <select
            className="input"
            data-testid="usage-days"
            value={days}
            onChange={(e) => setParams(Number(e.target.value) === 30 ? {} : { days: e.target.value }, { replace: true })}
          >
            {USAGE_PERIODS.map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
          </select>
        </label>
      </div>

      {usage.isPending ? <Loading label="Loading usage…" /> : null}
      {usage.isError ? (
        <ErrorBanner
          title="Could not load the usage."
          message={usage.error.message}
          actions={<Button onClick={() => void usage.refetch()}>Try again</Button>}
        />
      ) : null}
      {usage.data ? <UsageReportView report={usage.data} days={days} stale={usage.isPlaceholderData} /> : null}
    </div>
  );
}

function sum(rows: FlowUsage[]) {
  const priced = rows.filter((r) => r.estimatedCostUsd !== null);
  return {
    calls: rows.reduce((n, r) => n + r.calls, 0),
    failures: rows.reduce((n, r) => n + r.failures, 0),
    inputTokens: rows.reduce((n, r) => n + r.inputTokens, 0),
    outputTokens: rows.reduce((n, r) => n + r.outputTokens, 0),
    cost: priced.length ? priced.reduce((n, r) => n + (r.estimatedCostUsd ?? 0), 0) : null,
    unpriced: rows.length - priced.length,
  };
}

function UsageReportView({ report, days, stale }: { report: UsageReport; days: number; stale: boolean }) {
  const total = sum(report.byFlow);
  const flows = [...report.byFlow].sort((a, b) => b.calls - a.calls || a.flow.localeCompare(b.flow));
  const prompts = [...report.byPrompt].sort((a, b) => a.flow.localeCompare(b.flow) || b.calls - a.calls || a.prompt.localeCompare(b.prompt));
  const unpricedModels = [...new Set(report.byPrompt.filter((p) => p.estimatedCostUsd === null).map((p) => p.model))];

  return (
    <div className={`page${stale ? ' usage--stale' : ''}`} aria-busy={stale || undefined}>
      <p className="muted small">
        Since {formatDate(report.since)} (the last {days} days).
      </p>
      {total.calls === 0 ? (
        <div data-testid="usage-empty">
          <EmptyState title="No model calls yet">
            Usage shows up here once a wizard, the persona builder or meeting prep has asked the model something in this period.
          </EmptyState>
        </div>
      ) : (
        <>
          <div className="kpis">
            <Kpi label="Calls" value={formatCount(total.calls)} testId="usage-total-calls" />
            <Kpi
              label="Failures"
              value={formatCount(total.failures)}
              hint={total.calls ? `${Math.round((total.failures / total.calls) * 100)}% of calls` : undefined}
              tone={total.failures ? 'warning' : undefined}
            />
            <Kpi label="Input tokens" value={formatCount(total.inputTokens)} />
            <Kpi label="Output tokens" value={formatCount(total.outputTokens)} />
            <Kpi
              label="Estimated cost"
              value={formatCost(total.cost)}
              hint={unpricedModels.length ? `No price for ${unpricedModels.join(', ')}` : 'US$'}
              testId="usage-total-cost"
            />
          </div>

          <section className="panel">
            <div className="panel__head">
              <h2 className="panel__title">By flow</h2>
            </div>
            <div className="table-wrap">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Flow</th>
                    <th scope="col" className="num">
                      Calls
                    </th>
                    <th scope="col" className="num">
                      Failures
                    </th>
                    <th scope="col" className="num">
                      Input tokens
                    </th>
                    <th scope="col" className="num">
                      Output tokens
                    </th>
                    <th scope="col" className="num">
                      Est. cost
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {flows.map((f) => (
                    <FlowRow key={f.flow} row={f} />
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="panel">
            <div className="panel__head">
              <h2 className="panel__title">By prompt</h2>
              <span className="panel__hint">Each prompt with the provider and model that answered it.</span>
            </div>
            <div className="table-wrap">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Flow</th>
                    <th scope="col">Prompt</th>
                    <th scope="col">Provider</th>
                    <th scope="col">Model</th>
                    <th scope="col" className="num">
                      Calls
                    </th>
                    <th scope="col" className="num">
                      Failures
                    </th>
                    <th scope="col" className="num">
                      Tokens in / out
                    </th>
                    <th scope="col" className="num">
                      Avg latency
                    </th>
                    <th scope="col" className="num">
                      Est. cost
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {prompts.map((p) => (
                    <PromptRow key={`${p.flow}|${p.prompt}|${p.provider}|${p.model}`} row={p} />
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}

      <PriceTable prices={report.prices} />
    </div>
  );
}

function Kpi({ label, value, hint, testId, tone }: { label: string; value: string; hint?: string; testId?: string; tone?: 'warning' }) {
  return (
    <div className={`kpi${tone ? ` kpi--${tone}` : ''}`}>
      <span className="kpi__label">{label}</span>
      <strong className="kpi__value" data-testid={testId}>
        {value}
      </strong>
      {hint ? <span className="kpi__hint">{hint}</span> : null}
    </div>
  );
}

/** What a person calls the work behind each flow's model calls (the flow's name stays on hover). */
const FLOW_NAMES: Record<string, string> = {
  personaDefinition: 'Persona wizard',
  buyingProcess: 'Buying-process map',
  generatePersona: 'Persona generation',
  findProductFits: 'Product fits',
  analyzeContact: 'Meeting prep',
  draftEmail: 'Email drafts',
  launchCampaign: 'Campaign samples',
  generateLeadPersona: 'Lead personas (on request)',
  leadPersonaJob: 'Lead personas (background)',
  campaignSend: 'Campaign emails',
};

function FlowName({ flow }: { flow: string }) {
  return <span title={flow}>{FLOW_NAMES[flow] ?? flow}</span>;
}

function FlowRow({ row }: { row: FlowUsage }) {
  return (
    <tr data-testid="usage-flow-row" data-flow={row.flow}>
      <th scope="row">
        <FlowName flow={row.flow} />
      </th>
      <td className="num">{formatCount(row.calls)}</td>
      <td className={`num${row.failures ? ' num--bad' : ''}`}>{formatCount(row.failures)}</td>
      <td className="num">{formatCount(row.inputTokens)}</td>
      <td className="num">{formatCount(row.outputTokens)}</td>
      <td className="num">{formatCost(row.estimatedCostUsd)}</td>
    </tr>
  );
}

function PromptRow({ row }: { row: PromptUsage }) {
  return (
    <tr data-testid="usage-prompt-row" data-flow={row.flow} data-prompt={row.prompt}>
      <td>
        <FlowName flow={row.flow} />
      </td>
      <th scope="row" className="mono">
        {row.prompt}
      </th>
      <td>{row.provider}</td>
      <td className="mono">{row.model}</td>
      <td className="num">{formatCount(row.calls)}</td>
      <td className={`num${row.failures ? ' num--bad' : ''}`}>{formatCount(row.failures)}</td>
      <td className="num">
        {formatCount(row.inputTokens)} / {formatCount(row.outputTokens)}
      </td>
      <td className="num">{formatCount(row.avgLatencyMs)} ms</td>
      <td className="num">{formatCost(row.estimatedCostUsd)}</td>
    </tr>
  );
}

function PriceTable({ prices }: { prices: UsageReport['prices'] }) {
  const models = Object.keys(prices).sort();
  return (
    <section className="panel" data-testid="usage-prices">
      <div className="panel__head">
        <h2 className="panel__title">Prices used</h2>
        <span className="panel__hint">US$ per million tokens</span>
      </div>
      <p className="muted small usage__note">
        These prices are rough estimates, not your bill. Override them on the server with the <code>MODEL_PRICES</code> environment variable, e.g.{' '}
        <code>{'{"gemini-2.5-flash": {"input": 0.3, "output": 2.5}}'}</code>. A model without a price shows “—”.
      </p>
      {models.length ? (
        <div className="table-wrap">
          <table className="data-table data-table--compact">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" className="num">
                  Input
                </th>
                <th scope="col" className="num">
                  Output
                </th>
              </tr>
            </thead>
            <tbody>
              {models.map((m) => (
                <tr key={m}>
                  <th scope="row" className="mono">
                    {m}
                  </th>
                  <td className="num">{formatPrice(prices[m]!.input)}</td>
                  <td className="num">{formatPrice(prices[m]!.output)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted small">No prices are configured, so no cost can be estimated.</p>
      )}
    </section>
  );
}
