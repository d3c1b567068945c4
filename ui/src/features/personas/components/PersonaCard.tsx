import { Link } from 'react-router';
import type { SavedPersona } from '@schemas/persona.js';
import { formatDate } from '../../../shared/format';
import { paths } from '../../../shared/paths';

export function PersonaCard({ persona }: { persona: SavedPersona }) {
  const { data } = persona;
  return (
    <Link to={paths.persona(persona.id)} className="card" data-testid="persona-card">
      <span className="card__avatar" aria-hidden="true">
        {initials(data.personName)}
      </span>
      <span className="card__main">
        <span className="card__title">{data.personName}</span>
        <span className="card__subtitle">{data.title}</span>
        <span className="card__tags">
          <span className="tag">{data.industry}</span>
          <span className="tag">{data.companySize}</span>
        </span>
        <span className="card__meta">
          Updated {formatDate(persona.updatedAt)} · v{persona.version}
        </span>
      </span>
    </Link>
  );
}

function initials(name: string) {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]!.toUpperCase())
      .join('') || '?'
  );
}
