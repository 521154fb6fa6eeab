// « Mouvements »: admissions, discharges and transfers over a period (by default the previous month), optionally
// for one establishment; a preview of the list and its downloads as CSV and XLSX. The period is in the address
// (?du=2026-10-01&au=2026-10-31&etablissement=1).
import { useEffect, useState } from 'preact/hooks';
import { fetchMovements, movementsUrl, type Movement, type MovementQuery } from '../../api/attendance';
import { problemMessage } from '../../api/problems';
import type { RouteProps } from '../../app/routes';
import { replaceQuery, useQuery } from '../../app/router';
import { PageTitle } from '../../ui/PageTitle';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { formatDate, isIsoDate } from '../establishments/format';
import { labelOf } from '../establishments/labels';
import { useReference } from '../establishments/useReference';
import { useEstablishments } from './hooks';
import { MOVEMENT_LABELS, personName, plural, previousMonthRange } from './labels';
import { UsagersLinks } from './UsagersLinks';
import './attendance.css';

const ORIGINS: Record<string, string> = {
  home: 'domicile',
  family: 'famille',
  establishment: 'autre établissement',
  hospital: 'hôpital',
  school: 'école',
  child_welfare: 'aide sociale à l’enfance',
  other: 'autre',
};

const DESTINATIONS: Record<string, string> = {
  home: 'domicile',
  family: 'famille',
  establishment: 'autre établissement',
  hospital: 'hôpital',
  death: 'décès',
  ordinary_work: 'milieu ordinaire de travail',
  other: 'autre',
};

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; items: Movement[] }
  | { kind: 'error'; message: string };

export function MovementsPage(_props: RouteProps) {
  const establishments = useEstablishments();
  const reference = useReference();
  const query = new URLSearchParams(useQuery());
  const defaults = previousMonthRange();
  const from = query.get('du') ?? defaults.from;
  const to = query.get('au') ?? defaults.to;
  const establishmentId = Number(query.get('etablissement')) || 0;
  // What is typed in the date fields (applied once it is a valid period).
  const [typedFrom, setTypedFrom] = useState(from);
  const [typedTo, setTypedTo] = useState(to);
  const [state, setState] = useState<State>({ kind: 'idle' });

  const valid = isIsoDate(from) && isIsoDate(to) && from <= to;
  const movementQuery: MovementQuery = { from, to, establishment_id: establishmentId || undefined };

  useEffect(() => {
    if (!valid) {
      setState({ kind: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState({ kind: 'loading' });
    fetchMovements(movementQuery, controller.signal).then(
      (items) => setState({ kind: 'ready', items }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'error', message: problemMessage(error) });
      },
    );
    return () => controller.abort();
  }, [from, to, establishmentId]);

  function apply(next: { du?: string; au?: string; etablissement?: number }) {
    const params = new URLSearchParams({ du: next.du ?? from, au: next.au ?? to });
    const id = next.etablissement ?? establishmentId;
    if (id) params.set('etablissement', String(id));
    replaceQuery(params);
  }

  function onDate(which: 'du' | 'au', value: string) {
    if (which === 'du') setTypedFrom(value);
    else setTypedTo(value);
    const f = which === 'du' ? value : typedFrom;
    const t = which === 'au' ? value : typedTo;
    if (isIsoDate(f) && isIsoDate(t) && f <= t) apply({ du: f, au: t });
  }

  const periodError =
    isIsoDate(typedFrom) && isIsoDate(typedTo) && typedFrom > typedTo
      ? 'La fin de la période doit suivre son début.'
      : undefined;

  const list = establishments.kind === 'ready' ? establishments.items : [];
  const byFiness = (finess: string | null | undefined) => list.find((e) => e.finess_et === finess)?.name ?? finess ?? '';
  const establishmentName = (id: number) => list.find((e) => e.id === id)?.name ?? `n° ${id}`;
  const modeLabel = (code: string) =>
    reference.kind === 'ready' ? labelOf(reference.reference.care_modes, code) : code;

  function detail(movement: Movement): string {
    const stay = movement.stay;
    if (movement.kind === 'transfer') return `depuis ${byFiness(movement.from_finess)}`;
    if (movement.kind === 'admission') return stay.origin ? `provenance : ${ORIGINS[stay.origin] ?? stay.origin}` : '';
    return stay.destination ? `destination : ${DESTINATIONS[stay.destination] ?? stay.destination}` : '';
  }

  return (
    <article class="page page--wide">
      <p class="breadcrumb">
        <a href="/usagers">Usagers</a>
      </p>
      <PageTitle>Mouvements</PageTitle>
      <UsagersLinks current="/usagers/mouvements" />
      <p class="lead">Entrées, sorties et transferts des personnes accueillies sur une période, à consulter ou exporter.</p>
      <form class="form filters" aria-labelledby="mouvements-filtres-titre" noValidate onSubmit={(e) => e.preventDefault()}>
        <h2 id="mouvements-filtres-titre" class="filters__title">
          Période
        </h2>
        <div class="filters__grid">
          <TextField
            id="mouvements-du"
            label="Du"
            type="date"
            value={typedFrom}
            onValue={(value) => onDate('du', value)}
            error={periodError}
          />
          <TextField id="mouvements-au" label="Au" type="date" value={typedTo} onValue={(value) => onDate('au', value)} />
          <SelectField
            id="mouvements-etablissement"
            label="Établissement"
            emptyLabel="Tous les établissements"
            required={false}
            value={establishmentId ? String(establishmentId) : ''}
            onValue={(value) => apply({ etablissement: Number(value) || 0 })}
            options={list.map((e) => ({ value: String(e.id), label: e.name }))}
          />
        </div>
      </form>

      {valid && (
        <div class="toolbar">
          <div class="export-links" role="group" aria-labelledby="mouvements-exporter" data-testid="movements-export">
            <span class="export-links__label" id="mouvements-exporter">
              Exporter
            </span>
            <a class="button button--secondary button--small" href={movementsUrl('csv', movementQuery)} download>
              CSV (Excel)
            </a>
            <a class="button button--secondary button--small" href={movementsUrl('xlsx', movementQuery)} download>
              XLSX
            </a>
          </div>
        </div>
      )}

      <div aria-live="polite" class="results-status" data-testid="movements-status">
        {state.kind === 'loading' && <p class="loading">Chargement des mouvements…</p>}
        {state.kind === 'error' && (
          <p class="alert alert--error" role="alert">
            Impossible d'afficher les mouvements. {state.message}
          </p>
        )}
        {state.kind === 'ready' && state.items.length === 0 && (
          <div class="empty-state" data-testid="movements-empty">
            <p>
              Aucun mouvement du {formatDate(from)} au {formatDate(to)}.
            </p>
          </div>
        )}
      </div>

      {state.kind === 'ready' && state.items.length > 0 && (
        <div class="table-wrap" role="region" aria-labelledby="mouvements-legende" tabIndex={0}>
          <table class="table" data-testid="movements-table">
            <caption id="mouvements-legende">
              Mouvements du {formatDate(from)} au {formatDate(to)} — {plural(state.items.length, 'mouvement', 'mouvements')}
            </caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Mouvement</th>
                <th scope="col">Personne</th>
                <th scope="col">Établissement</th>
                <th scope="col">Mode d'accueil</th>
                <th scope="col">Détail</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((movement, i) => (
                <tr key={`${movement.kind}-${movement.stay.id}-${i}`} data-kind={movement.kind}>
                  <td class="nowrap">{formatDate(movement.date)}</td>
                  <td>
                    <span class={`badge movement-kind--${movement.kind}`}>{MOVEMENT_LABELS[movement.kind]}</span>
                  </td>
                  <th scope="row">
                    <a href={`/usagers/${movement.person.id}`}>{personName(movement.person)}</a>
                  </th>
                  <td>{establishmentName(movement.stay.establishment_id)}</td>
                  <td>{modeLabel(movement.stay.care_mode)}</td>
                  <td>{detail(movement)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
