// The persons or the professionals behind a number of an establishment's dashboard (GET
// /api/v1/indicators/{id}/details: the server checks the account may read them and records the reading in
// the audit trail). Each name leads to the record. The panel takes the focus when it opens; « Fermer la liste »
// (or Escape) gives it back to the number.
import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchDetails, type DetailItem, type Details, type IndicatorDefinition } from '../../api/steering';
import { problemMessage } from '../../api/problems';
import { formatDate } from '../establishments/format';
import { useReference } from '../establishments/useReference';
import { useStaffReference } from '../staff/useStaffReference';
import { formatNumber } from './format';

interface Props {
  definition: IndicatorDefinition;
  scope: string;
  from: string;
  to: string;
  /** What the list holds, as the dashboard's drill flags allow it. */
  kind: 'persons' | 'staff';
  onClose: () => void;
}

type State = { kind: 'loading' } | { kind: 'ready'; details: Details } | { kind: 'error'; message: string };

interface TableProps {
  items: readonly DetailItem[];
  caption: string;
  recordPath: (id: number) => string;
  label: (code: string) => string;
}

function DetailsTable({ items, caption, recordPath, label }: TableProps) {
  const withCareMode = items.some((item) => item.care_mode);
  const withJob = items.some((item) => item.job_code);
  const withDates = items.some((item) => item.from || item.to);
  const withDetail = items.some((item) => item.detail);
  return (
    <div class="table-wrap">
      <table class="table" data-testid="details-table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            {withCareMode && <th scope="col">Mode d'accueil</th>}
            {withJob && <th scope="col">Métier</th>}
            {withDates && <th scope="col">Du</th>}
            {withDates && <th scope="col">Au</th>}
            {withDetail && <th scope="col">Détail</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <tr key={`${item.id}-${index}`}>
              <th scope="row">
                <a href={recordPath(item.id)}>
                  {item.last_name.toUpperCase()} {item.first_name}
                </a>
              </th>
              {withCareMode && <td>{item.care_mode ? label(item.care_mode) : ''}</td>}
              {withJob && <td>{item.job_code ? label(item.job_code) : ''}</td>}
              {withDates && <td class="nowrap">{formatDate(item.from)}</td>}
              {withDates && <td class="nowrap">{formatDate(item.to)}</td>}
              {withDetail && <td>{item.detail ?? ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Staff: the job titles of the staff nomenclature. */
function StaffTable({ items, caption }: { items: readonly DetailItem[]; caption: string }) {
  const reference = useStaffReference();
  const label = (code: string) => reference?.jobs.find((job) => job.code === code)?.label ?? code;
  return <DetailsTable items={items} caption={caption} recordPath={(id) => `/personnel/${id}`} label={label} />;
}

/** Persons: the kinds of care of the establishments nomenclature. */
function PersonsTable({ items, caption }: { items: readonly DetailItem[]; caption: string }) {
  const reference = useReference();
  const label = (code: string) =>
    (reference.kind === 'ready' ? reference.reference.care_modes.find((m) => m.code === code)?.label : undefined) ?? code;
  return <DetailsTable items={items} caption={caption} recordPath={(id) => `/usagers/${id}`} label={label} />;
}

export function DetailsPanel({ definition, scope, from, to, kind, onClose }: Props) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    fetchDetails(definition.id, scope, from, to, controller.signal).then(
      (details) => setState({ kind: 'ready', details }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'error', message: problemMessage(error) });
      },
    );
    return () => controller.abort();
  }, [definition.id, scope, from, to]);

  useEffect(() => {
    heading.current?.focus();
  }, [definition.id]);

  const noun = kind === 'persons' ? 'personne' : 'professionnel';
  const items = state.kind === 'ready' ? state.details.items : [];
  const isStaff = state.kind === 'ready' ? state.details.kind === 'staff' : kind === 'staff';
  const caption = `${definition.label} du ${formatDate(from)} au ${formatDate(to)}`;

  return (
    <section
      class="panel details-panel"
      id="pilotage-liste"
      aria-labelledby="pilotage-liste-titre"
      data-testid="details-panel"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div class="details-panel__head">
        <h3 class="details-panel__title" id="pilotage-liste-titre" ref={heading} tabIndex={-1}>
          {definition.label} : {kind === 'persons' ? 'les personnes' : 'les professionnels'}
        </h3>
        <button type="button" class="button button--secondary button--small" onClick={onClose}>
          Fermer la liste
        </button>
      </div>
      <div aria-live="polite">
        {state.kind === 'loading' && <p class="loading">Chargement de la liste…</p>}
        {state.kind === 'error' && (
          <p class="alert alert--error" role="alert">
            Impossible d'afficher la liste. {state.message}
          </p>
        )}
        {state.kind === 'ready' && (
          <p data-testid="details-count">
            {items.length === 0
              ? `Aucun${kind === 'persons' ? 'e' : ''} ${noun} sur cette période.`
              : `${formatNumber(items.length)} ${noun}${items.length > 1 ? 's' : ''}.`}
          </p>
        )}
      </div>
      {items.length > 0 &&
        (isStaff ? <StaffTable items={items} caption={caption} /> : <PersonsTable items={items} caption={caption} />)}
    </section>
  );
}
