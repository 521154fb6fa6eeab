// "Trace des accès": who did what, when, on which object — for the data protection officer.
import { useEffect, useRef, useState } from 'preact/hooks';
import { auditExportUrl, searchAudit, type AuditPage } from '../../api/audit';
import { ApiError } from '../../api/client';
import { fieldMessages, problemMessage, type FieldMessages } from '../../api/problems';
import { PageTitle } from '../../ui/PageTitle';
import { AuditFilters } from './AuditFilters';
import { AuditIntegrity } from './AuditIntegrity';
import { AuditTable } from './AuditTable';
import { NO_FILTERS, serverFieldErrors, toQuery, type AuditFilterValues } from './auditQuery';

const PAGE_SIZE = 50;

// `number`: the page the rows belong to (the caption must not announce the next page over the rows of
// the previous one while it loads).
type State = { kind: 'loading' } | { kind: 'ready'; page: AuditPage; number: number } | { kind: 'error'; message: string };

export function AuditTrailPage() {
  const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS);
  // The cursors of the pages seen so far: the last one is the page shown (null: the first page).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [filterErrors, setFilterErrors] = useState<FieldMessages>({});
  const results = useRef<HTMLDivElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    searchAudit(toQuery(filters), cursors[cursors.length - 1], PAGE_SIZE, controller.signal).then(
      (page) => {
        setState({ kind: 'ready', page, number: cursors.length });
        setFilterErrors({});
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 400) setFilterErrors(serverFieldErrors(fieldMessages(error)));
        setState({ kind: 'error', message: problemMessage(error) });
      },
    );
    return () => controller.abort();
  }, [filters, cursors]);

  // After "Page suivante" or "Page précédente", continue reading from the table.
  useEffect(() => {
    if (state.kind === 'ready' && moved.current) {
      moved.current = false;
      results.current?.focus();
    }
  }, [state]);

  function apply(values: AuditFilterValues) {
    setFilters(values);
    setCursors([null]);
  }

  function goTo(next: (string | null)[]) {
    moved.current = true;
    setCursors(next);
  }

  const pageNumber = cursors.length;
  return (
    <article class="page page--wide">
      <PageTitle>Trace des accès</PageTitle>
      <p class="lead">
        Les connexions, consultations, modifications, exports et refus d'accès enregistrés par Passerelle dans votre
        organisme, du plus ancien au plus récent.
      </p>
      <AuditFilters serverErrors={filterErrors} onApply={apply} />
      <div class="toolbar">
        <a class="button button--secondary" href={auditExportUrl(toQuery(filters))} download>
          Exporter (CSV)
        </a>
        <span class="toolbar__hint">Le fichier reprend les filtres appliqués, sans limite de nombre.</span>
      </div>
      <div aria-live="polite" class="results-status">
        {state.kind === 'loading' && <p class="loading">Chargement des événements…</p>}
        {state.kind === 'error' && (
          <p class="alert alert--error" role="alert">
            Impossible d'afficher la trace. {state.message}
          </p>
        )}
        {state.kind === 'ready' && state.page.items.length === 0 && (
          <p class="notice">Aucun événement ne correspond à ces critères.</p>
        )}
      </div>
      {state.kind === 'ready' && state.page.items.length > 0 && (
        <>
          <AuditTable
            events={state.page.items}
            regionRef={results}
            caption={`Événements de la trace des accès — page ${state.number}, ${state.page.items.length} événement${state.page.items.length > 1 ? 's' : ''}`}
          />
          <nav class="pager" aria-label="Pages de la trace">
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
      <AuditIntegrity />
    </article>
  );
}
