// « Présences »: the monthly attendance of the persons admitted in an establishment for a kind of care. The
// establishment, the kind of care and the month are in the address (?etablissement=1&mode=13&mois=2026-11).
import { useEffect, useState } from 'preact/hooks';
import { fetchAttendance, type AttendanceGrid as Grid, type GridKey } from '../../api/attendance';
import type { Code } from '../../api/establishments';
import { fetchEstablishment } from '../../api/establishments';
import { problemMessage } from '../../api/problems';
import type { RouteProps } from '../../app/routes';
import { replaceQuery, useQuery } from '../../app/router';
import { PageTitle } from '../../ui/PageTitle';
import { SelectField } from '../../ui/SelectField';
import { useReference } from '../establishments/useReference';
import { AttendanceGrid } from './AttendanceGrid';
import { LEAVE_WARNING, useEstablishments, useLeaveGuard } from './hooks';
import { REASONS, addMonths, currentMonth, isMonth, monthLabel, plural } from './labels';
import { UsagersLinks } from './UsagersLinks';
import './attendance.css';

type GridState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; grid: Grid; key: GridKey }
  | { kind: 'error'; message: string };

/** The months offered: two years back, three months ahead, and the one asked for. */
function monthOptions(selected: string) {
  const now = currentMonth();
  const months = new Set<string>();
  for (let i = 3; i >= -24; i--) months.add(addMonths(now, i));
  months.add(selected);
  return [...months].sort().reverse().map((m) => ({ value: m, label: monthLabel(m) }));
}

export function AttendancePage(_props: RouteProps) {
  const establishments = useEstablishments();
  const reference = useReference();
  const query = new URLSearchParams(useQuery());
  const [modes, setModes] = useState<Code[] | null>(null);
  const [state, setState] = useState<GridState>({ kind: 'idle' });
  const [reload, setReload] = useState(0);
  const [dirty, setDirty] = useState(false);
  useLeaveGuard(dirty);

  const list = establishments.kind === 'ready' ? establishments.items : [];
  const asked = Number(query.get('etablissement'));
  const establishmentId = list.some((e) => e.id === asked) ? asked : (list[0]?.id ?? 0);
  const askedMonth = query.get('mois') ?? '';
  const month = isMonth(askedMonth) ? askedMonth : currentMonth();
  const askedMode = query.get('mode') ?? '';
  const careMode = modes?.some((m) => m.code === askedMode) ? askedMode : (modes?.[0]?.code ?? '');

  // The kinds of care that make sense: those the establishment has places or a calendar for.
  useEffect(() => {
    if (!establishmentId || reference.kind !== 'ready') return;
    const controller = new AbortController();
    setModes(null);
    const all = reference.reference.care_modes;
    fetchEstablishment(establishmentId, controller.signal).then(
      (detail) => {
        const used = new Set([...detail.capacities.map((c) => c.care_mode), ...detail.calendars.map((c) => c.care_mode)]);
        const known = all.filter((m) => used.has(m.code));
        setModes(known.length > 0 ? known : all);
      },
      () => {
        if (!controller.signal.aborted) setModes(all);
      },
    );
    return () => controller.abort();
  }, [establishmentId, reference.kind]);

  const keyText = establishmentId && careMode ? `${establishmentId}|${careMode}|${month}` : '';

  useEffect(() => {
    if (!keyText) return;
    const key: GridKey = { establishment_id: establishmentId, care_mode: careMode, month };
    const controller = new AbortController();
    // A reload after saving keeps the grid on screen (and the focus in it).
    setState((current) => (current.kind === 'ready' && reload > 0 ? current : { kind: 'loading' }));
    fetchAttendance(key, controller.signal).then(
      (grid) => setState({ kind: 'ready', grid, key }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'error', message: problemMessage(error) });
      },
    );
    return () => controller.abort();
  }, [keyText, reload]);

  function choose(changes: Record<string, string>) {
    if (dirty && !window.confirm(LEAVE_WARNING)) return;
    setDirty(false);
    setReload(0);
    const params = new URLSearchParams({
      etablissement: String(establishmentId),
      mode: careMode,
      mois: month,
      ...changes,
    });
    if (changes.etablissement) params.delete('mode');
    replaceQuery(params);
  }

  const modeLabel = modes?.find((m) => m.code === careMode)?.label ?? '';
  const establishmentName = list.find((e) => e.id === establishmentId)?.name ?? '';

  return (
    <article class="page page--wide">
      <p class="breadcrumb">
        <a href="/usagers">Usagers</a>
      </p>
      <PageTitle>Présences</PageTitle>
      <UsagersLinks current="/usagers/presences" />
      <p class="lead">
        Saisie mensuelle des présences et absences des personnes accueillies, par établissement et mode d'accueil.
      </p>
      {establishments.kind === 'loading' && <p class="loading">Chargement…</p>}
      {establishments.kind === 'error' && (
        <p class="alert alert--error" role="alert">
          Impossible de charger les établissements. {establishments.message}
        </p>
      )}
      {reference.kind === 'error' && (
        <p class="alert alert--error" role="alert">
          Impossible de charger les nomenclatures. {reference.message}
        </p>
      )}
      {establishments.kind === 'ready' && list.length === 0 && (
        <p class="empty-state">Aucun établissement n'est accessible à votre compte.</p>
      )}
      {list.length > 0 && (
        <form class="form filters" aria-labelledby="presences-choix-titre" noValidate onSubmit={(e) => e.preventDefault()}>
          <h2 id="presences-choix-titre" class="filters__title">
            Grille à afficher
          </h2>
          <div class="filters__grid">
            <SelectField
              id="presences-etablissement"
              label="Établissement"
              value={String(establishmentId)}
              onValue={(value) => choose({ etablissement: value })}
              options={list.map((e) => ({ value: String(e.id), label: e.name }))}
            />
            <SelectField
              id="presences-mode"
              label="Mode d'accueil"
              value={careMode}
              onValue={(value) => choose({ mode: value })}
              options={(modes ?? []).map((m) => ({ value: m.code, label: m.label }))}
              disabled={!modes}
            />
            <SelectField
              id="presences-mois"
              label="Mois"
              value={month}
              onValue={(value) => choose({ mois: value })}
              options={monthOptions(month)}
            />
          </div>
          <div class="form__actions">
            <button type="button" class="button button--secondary button--small" onClick={() => choose({ mois: addMonths(month, -1) })}>
              Mois précédent
            </button>
            <button type="button" class="button button--secondary button--small" onClick={() => choose({ mois: addMonths(month, 1) })}>
              Mois suivant
            </button>
          </div>
        </form>
      )}

      <div aria-live="polite" class="results-status" data-testid="attendance-load-status">
        {(state.kind === 'loading' || (keyText === '' && list.length > 0)) && <p class="loading">Chargement de la grille…</p>}
        {state.kind === 'error' && (
          <p class="alert alert--error" role="alert">
            Impossible d'afficher les présences. {state.message}
          </p>
        )}
        {state.kind === 'ready' && state.grid.rows.length === 0 && (
          <div class="empty-state" data-testid="attendance-empty">
            <p>
              Aucune personne accueillie en {modeLabel.toLowerCase()} à {establishmentName} en {monthLabel(month)}.
            </p>
          </div>
        )}
      </div>

      {state.kind === 'ready' && state.grid.rows.length > 0 && (
        <section aria-labelledby="presences-titre">
          <h2 id="presences-titre" class="att-title">
            {establishmentName} — {modeLabel} — {monthLabel(state.grid.month)}{' '}
            <span class="att-title__count">({plural(state.grid.rows.length, 'séjour', 'séjours')})</span>
          </h2>
          <details class="att-help" id="presences-aide">
            <summary>Saisie au clavier</summary>
            <ul>
              <li>
                Flèches : changer de case ; Maj + flèches : sélectionner plusieurs cases ; Origine / Fin : début et fin de
                la ligne ; Page préc. / Page suiv. : 10 lignes.
              </li>
              <li>
                <kbd>P</kbd> présent, <kbd>A</kbd> absent (puis le motif :{' '}
                {REASONS.map((r) => `${r.key} ${r.label}`).join(', ')}), <kbd>N</kbd> non attendu, <kbd>Suppr</kbd>{' '}
                effacer ; la case suivante prend le focus. Le motif peut aussi être tapé directement (<kbd>M</kbd> :
                absent pour maladie…).
              </li>
              <li>
                <kbd>S</kbd> remplit la semaine, <kbd>L</kbd> la ligne : « présent » sur les jours ouverts et vides du
                séjour. Une sélection suivie de <kbd>P</kbd> marque « présent » ses jours ouverts.
              </li>
              <li>
                Les cases modifiées sont signalées jusqu'à l'enregistrement : <kbd>Ctrl</kbd> + <kbd>S</kbd> ou le
                bouton « Enregistrer ». Les jours grisés sont fermés ; les cases barrées sont hors du séjour.
              </li>
            </ul>
          </details>
          <AttendanceGrid
            grid={state.grid}
            gridKey={state.key}
            onDirty={setDirty}
            onSaved={() => {
              setDirty(false);
              setReload((n) => n + 1);
            }}
          />
        </section>
      )}
    </article>
  );
}
