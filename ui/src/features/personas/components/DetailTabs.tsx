import type { KeyboardEvent } from 'react';

export type DetailTab = 'persona' | 'analytics';
const TABS: { id: DetailTab; label: string }[] = [
  { id: 'persona', label: 'Persona' },
  { id: 'analytics', label: 'Analytics' },
];

/** "Persona | Analytics" on the persona page; arrow keys move between the tabs. */
export function DetailTabs({ tab, onSelect, name }: { tab: DetailTab; onSelect: (tab: DetailTab) => void; name: string }) {
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!.id;
    onSelect(next);
    document.getElementById(`persona-tab-${next}`)?.focus();
  };
  return (
    <div className="detail-tabs" role="tablist" aria-label={`${name}: persona and analytics`} onKeyDown={onKeyDown}>
      {TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`persona-tab-${t.id}`}
          aria-controls={`persona-panel-${t.id}`}
          aria-selected={tab === t.id}
          tabIndex={tab === t.id ? 0 : -1}
          className={`detail-tabs__tab${tab === t.id ? ' detail-tabs__tab--active' : ''}`}
          data-testid={`persona-tab-${t.id}`}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
