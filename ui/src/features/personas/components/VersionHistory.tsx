import { Button } from '../../../shared/components/Button';
import { fieldLabel } from '../../../shared/persona/fields';
import { formatDateTime } from '../../../shared/format';
import type { FieldChange, PersonaVersionEntry } from '../api/personas';

const SOURCE_LABELS: Record<PersonaVersionEntry['source'], string> = {
  wizard: 'from the wizard',
  edit: 'edited',
  import: 'imported',
  generator: 'generated',
  restore: 'restored',
};

/** Every version, newest first, with what changed against the one before; any older one can be restored as a new version. */
export function VersionHistory({
  versions,
  onRestore,
  restoring,
}: {
  versions: PersonaVersionEntry[];
  onRestore?: (version: number) => void;
  /** The version being restored right now, if any. */
  restoring?: number | null;
}) {
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const latest = sorted[0]?.version;
  return (
    <section className="history" aria-labelledby="history-title">
      <h2 id="history-title" className="section-title">
        Version history
      </h2>
      {sorted.length === 0 ? <p className="muted">No versions recorded.</p> : null}
      <ol className="history__list">
        {sorted.map((v) => (
          <li key={v.version} className="history__item" data-testid="persona-version" data-version={v.version}>
            <div className="history__head">
              <strong>Version {v.version}</strong>
              <span className={`tag tag--${v.source}`}>{SOURCE_LABELS[v.source] ?? v.source}</span>
              <span className="muted">{formatDateTime(v.createdAt)}</span>
              {v.version === latest ? <span className="tag">current</span> : null}
            </div>
            {v.restoredFrom ? <p className="muted small">Brings back the content of version {v.restoredFrom}.</p> : null}
            {v.changes.length ? (
              <ul className="changes">
                {v.changes.map((c) => (
                  <Change key={c.field} change={c} />
                ))}
              </ul>
            ) : (
              <p className="muted small">{v.version === 1 ? 'First version.' : 'No field changes.'}</p>
            )}
            {onRestore && v.version !== latest ? (
              <div className="history__actions">
                <Button
                  size="sm"
                  busy={restoring === v.version}
                  disabled={restoring != null}
                  onClick={() => onRestore(v.version)}
                  data-testid={`restore-version-${v.version}`}
                >
                  Restore this version
                </Button>
                <span className="muted small">as a new version {latest! + 1}; nothing is lost</span>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Change({ change }: { change: FieldChange }) {
  const label = fieldLabel(change.field) ?? change.field;
  if (Array.isArray(change.before) || Array.isArray(change.after)) {
    const before = asList(change.before);
    const after = asList(change.after);
    const added = after.filter((x) => !before.includes(x));
    const removed = before.filter((x) => !after.includes(x));
    return (
      <li className="change">
        <span className="change__field">{label}:</span>
        {added.length === 0 && removed.length === 0 ? <span className="muted"> reordered</span> : null}
        <ul className="change__items">
          {added.map((x, i) => (
            <li key={`a${i}`} className="change__added">
              <span aria-hidden="true">+ </span>
              <span className="sr-only">added: </span>
              {x}
            </li>
          ))}
          {removed.map((x, i) => (
            <li key={`r${i}`} className="change__removed">
              <span aria-hidden="true">− </span>
              <span className="sr-only">removed: </span>
              {x}
            </li>
          ))}
        </ul>
      </li>
    );
  }
  return (
    <li className="change">
      <span className="change__field">{label}:</span> <Value value={change.before} />
      <span className="change__arrow" aria-label="changed to">
        {' → '}
      </span>
      <Value value={change.after} />
    </li>
  );
}

function Value({ value }: { value: unknown }) {
  if (value === undefined || value === null || value === '') return <span className="muted">(empty)</span>;
  return <span className="change__value">{String(value)}</span>;
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);
