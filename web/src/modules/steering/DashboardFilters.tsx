// The filters of a dashboard: its scope (grouped choices) and its period (a month, a quarter, a year or two
// dates). Every change is written to the address at once (replaceQuery): the page follows it, and the address
// can be shared. Labels, hints and errors are tied to their fields.
import type { ComponentChildren } from 'preact';
import { TextField } from '../../ui/TextField';
import type { ScopeGroup } from './useScopeOptions';
import { MONTH_NAMES, PERIOD_KINDS, yearChoices, type PeriodChoice, type PeriodKind, type ResolvedPeriod } from './period';

interface Props {
  scope: string;
  /** The label of the scope shown, for a scope none of the groups offers (reached by a link). */
  scopeLabel: string | null;
  groups: readonly ScopeGroup[];
  period: PeriodChoice;
  /** The dates of the period chosen (null while the dates typed are wrong). */
  resolved: ResolvedPeriod | null;
  error: { field: 'du' | 'au'; message: string } | null;
  onScope: (scope: string) => void;
  onPeriod: (period: PeriodChoice) => void;
}

interface ChoiceProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  children: ComponentChildren;
}

function Choice({ id, label, value, onValue, children }: ChoiceProps) {
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
      </label>
      <select id={id} name={id} class="field__input" value={value} onChange={(e) => onValue(e.currentTarget.value)}>
        {children}
      </select>
    </div>
  );
}

export function DashboardFilters({ scope, scopeLabel, groups, period, resolved, error, onScope, onPeriod }: Props) {
  const years = yearChoices();
  if (!years.includes(period.year)) years.push(period.year);
  const offered = groups.some((group) => group.options.some((option) => option.value === scope));

  function changeKind(kind: PeriodKind) {
    // Two dates start from the dates shown, so that only what changes has to be typed.
    if (kind === 'personnalisee' && resolved) onPeriod({ ...period, kind, from: resolved.from, to: resolved.to });
    else onPeriod({ ...period, kind });
  }

  const yearSelect = (
    <Choice id="pilotage-annee" label="Année" value={String(period.year)} onValue={(v) => onPeriod({ ...period, year: Number(v) })}>
      {years.map((year) => (
        <option key={year} value={String(year)}>
          {year}
        </option>
      ))}
    </Choice>
  );

  return (
    <form class="filters dashboard-filters" aria-labelledby="pilotage-filtres-titre" onSubmit={(e) => e.preventDefault()}>
      <h2 class="filters__title" id="pilotage-filtres-titre">
        Périmètre et période
      </h2>
      <div class="dashboard-filters__grid">
        <Choice id="pilotage-perimetre" label="Périmètre" value={scope} onValue={onScope}>
          {!offered && <option value={scope}>{scopeLabel ?? scope}</option>}
          {groups.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ))}
        </Choice>
        <Choice id="pilotage-periode" label="Période" value={period.kind} onValue={(v) => changeKind(v as PeriodKind)}>
          {PERIOD_KINDS.map((kind) => (
            <option key={kind.value} value={kind.value}>
              {kind.label}
            </option>
          ))}
        </Choice>
        {period.kind === 'mois' && (
          <>
            <Choice
              id="pilotage-mois"
              label="Mois"
              value={String(period.month)}
              onValue={(v) => onPeriod({ ...period, month: Number(v), quarter: Math.ceil(Number(v) / 3) })}
            >
              {MONTH_NAMES.map((name, i) => (
                <option key={name} value={String(i + 1)}>
                  {name}
                </option>
              ))}
            </Choice>
            {yearSelect}
          </>
        )}
        {period.kind === 'trimestre' && (
          <>
            <Choice
              id="pilotage-trimestre"
              label="Trimestre"
              value={String(period.quarter)}
              onValue={(v) => onPeriod({ ...period, quarter: Number(v), month: Number(v) * 3 - 2 })}
            >
              {[1, 2, 3, 4].map((q) => (
                <option key={q} value={String(q)}>
                  {q === 1 ? '1er trimestre' : `${q}e trimestre`}
                </option>
              ))}
            </Choice>
            {yearSelect}
          </>
        )}
        {period.kind === 'annee' && yearSelect}
        {period.kind === 'personnalisee' && (
          <>
            <TextField
              id="pilotage-du"
              label="Du"
              type="date"
              value={period.from}
              onValue={(from) => onPeriod({ ...period, from })}
              error={error?.field === 'du' ? error.message : undefined}
            />
            <TextField
              id="pilotage-au"
              label="Au"
              type="date"
              value={period.to}
              onValue={(to) => onPeriod({ ...period, to })}
              error={error?.field === 'au' ? error.message : undefined}
            />
          </>
        )}
      </div>
    </form>
  );
}
