// The persons matching one search, twenty at a time: « Charger plus » appends the next page (next_cursor).
// Mounted anew for another search (key): back to the first page.
import { useEffect, useState } from 'preact/hooks';
import { searchPersons, type Person, type PersonQuery } from '../../api/persons';
import { problemMessage } from '../../api/problems';
import { PersonsTable } from './PersonsTable';

const PAGE_SIZE = 20;

const count = (n: number) => `${n} personne${n > 1 ? 's' : ''}`;

interface Loaded {
  items: Person[];
  next: string | null;
}

export function PersonSearchResults({ query }: { query: PersonQuery }) {
  const [loaded, setLoaded] = useState<Loaded>({ items: [], next: null });
  // The cursor of the page being read: null for the first one; undefined once the page has arrived.
  const [reading, setReading] = useState<string | null | undefined>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (reading === undefined) return;
    const controller = new AbortController();
    setError(null);
    searchPersons(query, reading, PAGE_SIZE, controller.signal).then(
      (page) => {
        setLoaded((current) => ({ items: [...current.items, ...page.items], next: page.next_cursor }));
        setReading(undefined);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(problemMessage(failure));
        setReading(undefined);
      },
    );
    return () => controller.abort();
    // The query is fixed for this component (see the key where it is used).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reading]);

  const first = reading === null && loaded.items.length === 0;
  return (
    <>
      <div aria-live="polite" class="results-status" data-testid="persons-status">
        {first && <p class="loading">Recherche en cours…</p>}
        {error && (
          <p class="alert alert--error" role="alert">
            La recherche n'a pas abouti. {error}
          </p>
        )}
        {reading === undefined && !error && loaded.items.length === 0 && (
          <div class="empty-state" data-testid="persons-empty">
            <p>Aucune personne ne correspond à cette recherche.</p>
            <p>Vérifiez l'orthographe, cherchez par la date de naissance, ou créez un nouveau dossier.</p>
          </div>
        )}
        {reading === undefined && loaded.items.length > 0 && (
          <p class="visually-hidden">
            {count(loaded.items.length)} affichée{loaded.items.length > 1 ? 's' : ''}
            {loaded.next ? ', d’autres résultats peuvent être chargés.' : '.'}
          </p>
        )}
      </div>
      {loaded.items.length > 0 && (
        <>
          <PersonsTable
            persons={loaded.items}
            caption={`Personnes trouvées : ${count(loaded.items.length)}${loaded.next ? ' (liste incomplète)' : ''}`}
          />
          {loaded.next && (
            <nav class="pager" aria-label="Suite des résultats">
              <button
                type="button"
                class="button button--secondary"
                disabled={reading !== undefined}
                onClick={() => setReading(loaded.next)}
              >
                {reading !== undefined ? 'Chargement…' : 'Charger plus'}
              </button>
            </nav>
          )}
        </>
      )}
    </>
  );
}
