// The authorised places of each kind of care, from five years ago to a year ahead, as an SVG step chart drawn
// here (no library; presentation attributes and CSS classes only: the CSP forbids style attributes).
// The chart is an image for assistive technologies (its title and description say what it shows); the same
// figures are in a table under it (CapacityChartTable).
import type { CapacityPeriod } from '../../api/establishments';
import { addYears, formatDate, formatNumber, places, todayIso } from './format';
import { capacitySeries, valuedSteps, type Series } from './capacitySeries';
import { CapacityChartTable } from './CapacityChartTable';
import { dayNumber, linear, niceTicks, yearStarts } from './chartScale';

const WIDTH = 760;
const HEIGHT = 300;
const MARGIN = { top: 16, right: 20, bottom: 40, left: 56 };
/** Line styles (colour and dash pattern) in establishments.css: chart__series--0 … --5. */
const STYLES = 6;

function describe(series: Series[]): string {
  return series
    .map((s) => {
      const changes = valuedSteps(s).map((step) => `${places(step.places)} à partir du ${formatDate(step.date)}`);
      return `${s.label} : ${changes.join(', puis ')}`;
    })
    .join(' ; ');
}

export function CapacityChart({ periods }: { periods: readonly CapacityPeriod[] }) {
  const today = todayIso();
  const from = addYears(today, -5);
  const to = addYears(today, 1);
  const series = capacitySeries(periods, 'authorised', from, to);
  const title = `Places autorisées par mode d'accueil, du ${formatDate(from)} au ${formatDate(to)}`;

  if (series.length === 0)
    return (
      <figure class="chart" data-testid="capacity-chart" data-series="0">
        <figcaption class="chart__caption">{title}</figcaption>
        <p class="notice">Aucune place autorisée n'est enregistrée sur cette période.</p>
      </figure>
    );

  const max = Math.max(...series.flatMap((s) => valuedSteps(s).map((step) => step.places)));
  // Some room above the highest value, so that its line does not run along the top edge.
  const ticks = niceTicks(max * 1.15);
  const top = ticks[ticks.length - 1] ?? 1;
  const x = linear(dayNumber(from), dayNumber(to), MARGIN.left, WIDTH - MARGIN.right);
  const y = linear(0, top, HEIGHT - MARGIN.bottom, MARGIN.top);
  const xOf = (iso: string) => x(dayNumber(iso));
  const right = WIDTH - MARGIN.right;
  const bottom = HEIGHT - MARGIN.bottom;

  /** The step line of a series: horizontal while the value holds, vertical at each change; gaps left empty. */
  function path(s: Series): string {
    let d = '';
    s.steps.forEach((step, i) => {
      const end = s.steps[i + 1] ? xOf(s.steps[i + 1]!.date) : right;
      if (step.places === null) return;
      const previous = s.steps[i - 1];
      const start = xOf(step.date);
      const level = y(step.places);
      d += previous && previous.places !== null ? ` V${level.toFixed(1)}` : ` M${start.toFixed(1)} ${level.toFixed(1)}`;
      d += ` H${end.toFixed(1)}`;
    });
    return d.trim();
  }

  return (
    <figure class="chart" data-testid="capacity-chart" data-series={series.length}>
      <figcaption class="chart__caption" id="capacite-graphique-titre">
        {title}
      </figcaption>
      <svg
        class="chart__svg"
        data-testid="capacity-chart-svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="capacite-graphique-titre capacite-graphique-resume"
        focusable="false"
      >
        <desc id="capacite-graphique-resume">{describe(series)}</desc>
        <g class="chart__grid">
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={MARGIN.left} x2={right} y1={y(tick)} y2={y(tick)} />
              <text class="chart__tick" x={MARGIN.left - 8} y={y(tick)} text-anchor="end" dominant-baseline="middle">
                {formatNumber(tick)}
              </text>
            </g>
          ))}
          {yearStarts(from, to).map((day) => (
            <g key={day}>
              <line class="chart__year" x1={xOf(day)} x2={xOf(day)} y1={MARGIN.top} y2={bottom} />
              <text class="chart__tick" x={xOf(day)} y={bottom + 18} text-anchor="middle">
                {day.slice(0, 4)}
              </text>
            </g>
          ))}
        </g>
        <line class="chart__axis" x1={MARGIN.left} x2={right} y1={bottom} y2={bottom} />
        <line class="chart__axis" x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={bottom} />
        <text class="chart__axis-title" x={14} y={(MARGIN.top + bottom) / 2} text-anchor="middle"
          transform={`rotate(-90 14 ${(MARGIN.top + bottom) / 2})`}>
          Places autorisées
        </text>
        <g class="chart__today">
          <line x1={xOf(today)} x2={xOf(today)} y1={MARGIN.top} y2={bottom} />
          <text x={xOf(today) + 4} y={MARGIN.top + 10}>
            Aujourd'hui
          </text>
        </g>
        {series.map((s, index) => (
          <g
            key={s.careMode}
            class={`chart__series chart__series--${index % STYLES}`}
            data-care-mode={s.careMode}
            data-points={valuedSteps(s).length}
          >
            <path d={path(s)} fill="none" />
            {valuedSteps(s).map((step) => (
              <circle
                key={step.date}
                cx={xOf(step.date)}
                cy={y(step.places)}
                r={4}
                data-date={step.date}
                data-places={step.places}
              />
            ))}
          </g>
        ))}
      </svg>
      <ul class="chart__legend" aria-label="Légende">
        {series.map((s, index) => (
          <li key={s.careMode} class={`chart__series chart__series--${index % STYLES}`}>
            <svg class="chart__swatch" viewBox="0 0 32 12" aria-hidden="true" focusable="false">
              <line x1="2" x2="30" y1="6" y2="6" />
              <circle cx="16" cy="6" r="3.5" />
            </svg>
            {s.label} <span class="chart__legend-code">(code {s.careMode})</span>
          </li>
        ))}
      </ul>
      <CapacityChartTable series={series} />
    </figure>
  );
}
