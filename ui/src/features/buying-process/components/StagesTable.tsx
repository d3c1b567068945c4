import { useState } from 'react';
import type { BuyingPhase } from '@schemas/buying-process.js';
import { Button } from '../../../shared/components/Button';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import {
  askedColumns,
  askedRow,
  cellKey,
  checkCell,
  fieldPlaceholder,
  isLongField,
  MAX_STAGES,
  STAGE_FIELD_LABELS,
  visibleColumns,
  type BuyingStage,
  type StageField,
} from '../stages';
import { useDraft } from '../use-draft';
import { useElementWidth } from '../../../shared/hooks/use-element-width';

// Below these widths the table would scroll sideways, so each stage becomes a card of labelled cells.
const TABLE_MIN_WIDTH = { wide: 1100, narrow: 620 };

type Props = {
  phase: BuyingPhase;
  stages: BuyingStage[];
  current: boolean;
  busy: boolean;
  running: string | null;
  cellErrors: Record<string, string>;
  tableError?: string | undefined;
  onCell: (index: number, field: StageField, value: string) => Promise<boolean>;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
  onAdd: () => void;
  onStandard: () => void;
};

/** The buying stages: one row per stage, every cell editable; the whole table goes back on each change. */
export function StagesTable({ phase, stages, current, busy, running, cellErrors, tableError, onCell, onMove, onRemove, onAdd, onStandard }: Props) {
  const columns = visibleColumns(phase, stages);
  const asked = askedRow(phase, stages);
  const askedFields = askedColumns(phase);
  const [toRemove, setToRemove] = useState<number | null>(null);
  const wide = columns.length > 4;
  const [boxRef, boxWidth] = useElementWidth<HTMLDivElement>();
  const cards = boxWidth !== null && boxWidth < TABLE_MIN_WIDTH[wide ? 'wide' : 'narrow'];

  return (
    <fieldset className={`group${current ? ' group--current' : ''}`} data-section="stages">
      <legend className="group__legend">
        {wide ? 'Buying stages & seller alignment' : 'Buying stages'}
        {current ? <span className="group__now">now</span> : null}
      </legend>

      {stages.length === 0 ? (
        <div className="stages__empty">
          <p className="muted">
            No stages yet. Start from the common three (Awareness, Consideration, Decision) and adjust them, or add your own one by one. You can also name them
            in the chat.
          </p>
          <div className="stages__empty-actions">
            <Button variant="primary" onClick={onStandard} busy={running === 'standard_stages'} disabled={busy} data-testid="bp-standard-stages">
              Start from the standard stages
            </Button>
            <Button onClick={onAdd} data-testid="bp-add-stage">
              + Add stage
            </Button>
          </div>
        </div>
      ) : (
        <>
          <div ref={boxRef} className={`stages${wide ? ' stages--wide' : ''}${cards ? ' stages--cards' : ''}`} data-layout={cards ? 'cards' : 'table'}>
            <table className="stages__table">
              <caption className="sr-only">Buying stages, in order</caption>
              <thead>
                <tr>
                  {columns.map((f) => (
                    <th key={f} scope="col" className={`stages__th stages__th--${f}`}>
                      {f === 'stage_name' ? <span className="stages__index-head">#</span> : null}
                      {STAGE_FIELD_LABELS[f]}
                    </th>
                  ))}
                  <th scope="col" className="stages__tools-th">
                    <span className="sr-only">Move or remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {stages.map((stage, i) => {
                  const isAsked = i === asked;
                  return (
                    <tr
                      key={i}
                      className={`stage-row${isAsked ? ' stage-row--asked' : ''}`}
                      data-testid="bp-stage-row"
                      data-index={i}
                      data-asked={isAsked || undefined}
                    >
                      {columns.map((f) => (
                        <td key={f} className={`stages__td stages__td--${f}`}>
                          {f === 'stage_name' ? (
                            <span className="stages__index" aria-hidden="true">
                              {i + 1}
                            </span>
                          ) : null}
                          <StageCell
                            index={i}
                            field={f}
                            stageName={stage.stage_name}
                            stored={stage[f]}
                            stages={stages}
                            asked={isAsked && askedFields.includes(f) && !stage[f].trim()}
                            serverError={cellErrors[cellKey(i, f)]}
                            onCommit={onCell}
                          />
                          {f === 'stage_name' && isAsked ? (
                            <span className="stage-row__now" title="The assistant is asking about this stage">
                              asking now
                            </span>
                          ) : null}
                        </td>
                      ))}
                      <td className="stages__tools">
                        <div className="stages__tools-box">
                          <button
                            type="button"
                            className="icon-btn icon-btn--plain"
                            data-testid={`bp-row-up-${i}`}
                            aria-label={`Move ${stage.stage_name} up`}
                            title="Move up"
                            disabled={i === 0}
                            onClick={() => onMove(i, i - 1)}
                          >
                            ↑
                          </button>
                          <button
                            type="button"
                            className="icon-btn icon-btn--plain"
                            data-testid={`bp-row-down-${i}`}
                            aria-label={`Move ${stage.stage_name} down`}
                            title="Move down"
                            disabled={i === stages.length - 1}
                            onClick={() => onMove(i, i + 1)}
                          >
                            ↓
                          </button>
                          <button
                            type="button"
                            className="icon-btn"
                            data-testid={`bp-row-remove-${i}`}
                            aria-label={`Remove ${stage.stage_name}`}
                            title="Remove this stage"
                            onClick={() => setToRemove(i)}
                          >
                            ✕
                          </button>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="stages__foot">
            <Button size="sm" onClick={onAdd} disabled={stages.length >= MAX_STAGES} data-testid="bp-add-stage">
              + Add stage
            </Button>
            <span className="field__hint">{stages.length >= MAX_STAGES ? `At most ${MAX_STAGES} stages.` : 'Edits are sent when you leave a cell.'}</span>
          </div>
        </>
      )}
      {tableError ? <p className="field__error">{tableError}</p> : null}

      <ConfirmDialog
        open={toRemove !== null}
        title="Remove this stage?"
        confirmLabel="Remove stage"
        confirmTestId="bp-row-remove-confirm"
        onCancel={() => setToRemove(null)}
        onConfirm={() => {
          if (toRemove !== null) onRemove(toRemove);
          setToRemove(null);
        }}
      >
        <p>“{toRemove !== null ? stages[toRemove]?.stage_name : ''}” and everything written in its row will be removed. Undo brings it back.</p>
      </ConfirmDialog>
    </fieldset>
  );
}

function StageCell({
  index,
  field,
  stageName,
  stored,
  stages,
  asked,
  serverError,
  onCommit,
}: {
  index: number;
  field: StageField;
  stageName: string;
  stored: string;
  stages: BuyingStage[];
  asked: boolean;
  serverError?: string | undefined;
  onCommit: (index: number, field: StageField, value: string) => Promise<boolean>;
}) {
  const d = useDraft(
    stored,
    (value) => onCommit(index, field, value),
    (text) => checkCell(stages, index, field, text),
  );
  const error = d.error ?? serverError;
  const id = `bp-cell-${index}-${field}`;
  const common = {
    id,
    'data-testid': id,
    className: `input cell__input${asked ? ' cell__input--asked' : ''}`,
    value: d.draft,
    placeholder: asked ? 'The assistant is asking…' : fieldPlaceholder(field),
    'aria-label': field === 'stage_name' ? `Stage ${index + 1} name` : `${stageName || `Stage ${index + 1}`}: ${STAGE_FIELD_LABELS[field]}`,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onBlur: () => void d.onBlur(),
  } as const;
  return (
    <>
      <span className="cell__label" aria-hidden="true">
        {field === 'stage_name' ? `Stage ${index + 1}` : STAGE_FIELD_LABELS[field]}
      </span>
      {isLongField(field) ? (
        <textarea {...common} rows={2} onChange={(e) => d.onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(e) => d.onChange(e.target.value)} />
      )}
      {error ? (
        <p className="field__error cell__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}
