import { Button } from '../../../shared/components/Button';
import { LazyMarkdown as Markdown } from './LazyMarkdown';

type Props = {
  summary: string | undefined;
  current: boolean;
  busy: boolean;
  running: string | null;
  canSummarize: boolean;
  onSummarize: () => void;
};

/** The AI-written summary of the buying journey, as Markdown, marked as AI-generated. */
export function SummarySection({ summary, current, busy, running, canSummarize, onSummarize }: Props) {
  return (
    <fieldset className={`group${current ? ' group--current' : ''}`} data-section="summary">
      <legend className="group__legend">
        AI summary
        {current ? <span className="group__now">now</span> : null}
      </legend>
      {summary ? (
        <div className="summary">
          <div className="summary__head">
            <span className="badge badge--warning" title="Written by the AI summary tool from your map: check it before you share it">
              AI-generated
            </span>
          </div>
          <Markdown text={summary} testId="bp-summary" />
        </div>
      ) : (
        <p className="muted">
          The assistant can write a short summary of this persona's buying journey from your table: what they go through, and what you do at each stage.
        </p>
      )}
      <div>
        <Button
          variant={summary ? 'secondary' : current ? 'primary' : 'secondary'}
          onClick={onSummarize}
          busy={running === 'summarize'}
          disabled={busy || !canSummarize}
          title={canSummarize ? undefined : 'Add at least one stage first'}
          data-testid="bp-summarize"
        >
          {summary ? 'Rewrite the AI summary' : 'Write the AI summary'}
        </Button>
      </div>
    </fieldset>
  );
}
