// "Établissements": the establishments and services the account can see, filtered (filters in the address),
// a page at a time; "Nouvel établissement" for the accounts that create them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { listEstablishments, type EstablishmentPage, type Reference } from '../../api/establishments';
import { fieldMessages, problemMessage, type FieldMessages } from '../../api/problems';
import { replaceQuery, useQuery } from '../../app/router';
import { useSession } from '../../app/SessionContext';
import { PageTitle } from '../../ui/PageTitle';
import { exportUrl } from '../../api/establishmentsImport';
import { canCreateEstablishments, canWriteEstablishment } from './access';
import { EstablishmentFilters } from './EstablishmentFilters';
import { EstablishmentsTable } from './EstablishmentsTable';
import { filtersFromQuery, filtersToQuery, hasFilters, toApiQuery, type ListFilters } from './listQuery';
import { useReference } from './useReference';
import './establishments.css';

const PAGE_SIZE = 10;

// `number`: the page the rows belong to (the caption must not announce the next page over the rows of
// the previous one while it loads).
type State =
  | { kind: 'loading' }
  | { kind: 'ready'; page: EstablishmentPage; number: number }
  | { kind: 'error'; message: string };

const count = (n: number) => `${n} établissement${n > 1 ? 's' : ''}`;

interface ResultsProps {
  reference: Reference;
  filters: ListFilters;
  /** The server's messages about the filters (400 naming a parameter); {} once a page is shown. */
  onFilterErrors: (errors: FieldMessages) => void;
}

// Mounted anew for other filters (key): back to the first page.
function Results({ reference, filters, onFilterErrors }: ResultsProps) {
  // The cursors of the pages seen so far: the last one is the page shown (null: the first page).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const region = useRef<HTMLDivElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    listEstablishments(toApiQuery(filters), cursors[cursors.length - 1] ?? null, PAGE_SIZE, controller.signal).then(
      (page) => {
        setState({ kind: 'ready', page, number: cursors.length });
        onFilterErrors({});
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 400) onFilterErrors(fieldMessages(error));
        setState({ kind: 'error', message: problemMessage(error) });
      },
    );
    return () => controller.abort();
    // The filters are fixed for this component (see the key where it is used).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cursors]);

  useEffect(() => {
    if (state.kind === 'ready' && moved.current) {
      moved.current = false;
      region.current?.focus();
    }
  }, [state]);

  function goTo(next: (string | null)[]) {
    moved.current = true;
    setCursors(next);
  }

  const pageNumber = cursors.length;
  return (
    <>
      <div aria-live="polite" class="results-status" data-testid="establishments-status">
        {state.kind === 'loading' && <p class="loading">Chargement des établissements…</p>}
        {state.kind === 'error' && (
          <p class="alert alert--error" role="alert">
            Impossible d'afficher les établissements. {state.message}
          </p>
        )}
        {state.kind === 'ready' && state.page.items.length === 0 && (
          <div class="empty-state" data-testid="establishments-empty">
            <p>
              {hasFilters(filters)
                ? 'Aucun établissement ne correspond à ces critères.'
                : "Aucun établissement n'est enregistré pour votre compte."}
            </p>
            {hasFilters(filters) && <p>Modifiez la recherche ou effacez les filtres.</p>}
          </div>
        )}
        {state.kind === 'ready' && state.page.items.length > 0 && (
          <p class="visually-hidden">
            {count(state.page.items.length)} sur cette page{state.number > 1 ? ` (page ${state.number})` : ''}.
          </p>
        )}
      </div>
      {state.kind === 'ready' && state.page.items.length > 0 && (
        <>
          <EstablishmentsTable
            establishments={state.page.items}
            reference={reference}
            regionRef={region}
            caption={`Établissements et services — page ${state.number}, ${count(state.page.items.length)}`}
          />
          <nav class="pager" aria-label="Pages de la liste des établissements">
            {pageNumber > 1 && (
              <button type="button" class="button button--secondary" onClick={() => goTo(cursors.slice(0, -1))}>
                Page précédente
              </button>
            )}
            {state.page.next_cursor && (
              <button
                type="button"
                class="button button--secondary"
                onClick={() => goTo([...cursors, state.page.next_cursor])}
              >
                Page suivante
              </button>
            )}
          </nav>
        </>
      )}
    </>
  );
}

export function EstablishmentsPage() {
  const { session } = useSession();
  const reference = useReference();
  const filters = filtersFromQuery(useQuery());
  // A filter the server refuses (a category typed in the address…) is said next to that filter.
  const [filterErrors, setFilterErrors] = useState<FieldMessages>({});

  return (
    <article class="page page--wide">
      <PageTitle>Établissements</PageTitle>
      <p class="lead">
        Référentiel des établissements et services : numéro FINESS, catégorie, publics accueillis, capacités,
        autorisations et calendrier d'ouverture.
      </p>
      {canWriteEstablishment(session) && (
        <div class="toolbar">
          {canCreateEstablishments(session) && (
            <a class="button" href="/etablissements/nouveau">
              Nouvel établissement
            </a>
          )}
          <a class="button button--secondary" href="/etablissements/import">
            Importer
          </a>
          <div class="export-links" role="group" aria-labelledby="exporter-libelle" data-testid="export-links">
            <span class="export-links__label" id="exporter-libelle">
              Exporter
            </span>
            <a class="button button--secondary button--small" href={exportUrl('csv', toApiQuery(filters))} download>
              CSV (Excel)
            </a>
            <a class="button button--secondary button--small" href={exportUrl('xlsx', toApiQuery(filters))} download>
              XLSX
            </a>
          </div>
        </div>
      )}
      {reference.kind === 'loading' && <p class="loading">Chargement…</p>}
      {reference.kind === 'error' && (
        <p class="alert alert--error" role="alert">
          Impossible de charger les nomenclatures. {reference.message}
        </p>
      )}
      {reference.kind === 'ready' && (
        <>
          <EstablishmentFilters
            reference={reference.reference}
            filters={filters}
            errors={filterErrors}
            onChange={(next) => replaceQuery(filtersToQuery(next))}
          />
          <Results
            key={JSON.stringify(toApiQuery(filters))}
            reference={reference.reference}
            filters={filters}
            onFilterErrors={setFilterErrors}
          />
        </>
      )}
    </article>
  );
}
