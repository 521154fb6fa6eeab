// « Définitions des indicateurs »: what each indicator counts (GET /api/v1/indicators), by axis, so that a
// figure can be read without a manual. Opened from the toolbar; each tile's label is the term defined here.
import type { Axis, IndicatorDefinition } from '../../api/steering';
import { UNIT_LABELS } from './format';

export const AXES: readonly { axis: Axis; label: string }[] = [
  { axis: 'activity', label: 'Activité' },
  { axis: 'persons', label: 'Personnes accompagnées' },
  { axis: 'human_resources', label: 'Ressources humaines' },
];

export function DefinitionsPanel({ definitions }: { definitions: readonly IndicatorDefinition[] }) {
  return (
    <section class="panel definitions" id="pilotage-definitions" aria-labelledby="pilotage-definitions-titre" data-testid="definitions">
      <h2 class="panel__title" id="pilotage-definitions-titre" tabIndex={-1}>
        Définitions des indicateurs
      </h2>
      <p class="toolbar__hint">
        Les taux dont le dénominateur est nul ne sont pas calculés : le tableau de bord indique « Pas de données ».
      </p>
      {AXES.map(({ axis, label }) => {
        const list = definitions.filter((d) => d.axis === axis);
        if (list.length === 0) return null;
        return (
          <div key={axis}>
            <h3 class="definitions__axis">{label}</h3>
            <dl class="definitions__list">
              {list.map((d) => (
                <div key={d.id} class="definitions__item" id={`definition-${d.id}`}>
                  <dt>
                    {d.label} <span class="definitions__meta">({d.id}, {UNIT_LABELS[d.unit]})</span>
                  </dt>
                  <dd>{d.definition}</dd>
                </div>
              ))}
            </dl>
          </div>
        );
      })}
    </section>
  );
}
