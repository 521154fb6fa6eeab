// « Usagers »: the type-ahead search of person records (names, birth date or NIR; from two characters, after a
// short pause in typing), « Nouveau dossier » for the accounts that create records, the links to the
// attendance, the waiting list and the movements, and the alerts on orientation decisions.
import { useEffect, useState } from 'preact/hooks';
import { replaceQuery, useQuery } from '../../app/router';
import { useSession } from '../../app/SessionContext';
import { PageTitle } from '../../ui/PageTitle';
import { canExportPersons, canWritePersons } from './access';
import { PersonAlertsPanel } from './PersonAlertsPanel';
import { PlanRemindersPanel } from './PlanRemindersPanel';
import { PersonSearchResults } from './PersonSearchResults';
import { MIN_LENGTH, parseSearch } from './searchQuery';
import './persons.css';

const DEBOUNCE_MS = 200;
const PARAM = 'recherche';

/** A NIR is never put in the address (it would stay in the browser's history). */
function toAddress(text: string) {
  const params = new URLSearchParams();
  const parsed = parseSearch(text);
  if (text.trim() && !(parsed.kind === 'query' && parsed.query.nir)) params.set(PARAM, text.trim());
  return params;
}

export function PersonsPage() {
  const { session } = useSession();
  const initial = new URLSearchParams(useQuery()).get(PARAM) ?? '';
  const [typed, setTyped] = useState(initial);
  const [searched, setSearched] = useState(initial);

  useEffect(() => {
    if (typed === searched) return;
    const timer = window.setTimeout(() => {
      setSearched(typed);
      replaceQuery(toAddress(typed));
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [typed, searched]);

  const parsed = parseSearch(searched);
  return (
    <article class="page page--wide">
      <PageTitle>Usagers</PageTitle>
      <p class="lead">
        Dossier des personnes accompagnées : identité, séjours, décisions d'orientation, entourage et présences.
      </p>
      <div class="toolbar">
        {canWritePersons(session) && (
          <>
            <a class="button" href="/usagers/nouveau">
              Nouveau dossier
            </a>
            <a class="button button--secondary" href="/usagers/import">
              Importer un tableur
            </a>
          </>
        )}
        <nav class="persons-links" aria-label="Suivi des usagers">
          <a class="button button--secondary" href="/usagers/presences">
            Présences
          </a>
          <a class="button button--secondary" href="/usagers/liste-attente">
            Liste d'attente
          </a>
          {canExportPersons(session) && (
            <a class="button button--secondary" href="/usagers/mouvements">
              Mouvements
            </a>
          )}
        </nav>
      </div>
      <PersonAlertsPanel />
      <PlanRemindersPanel />
      <div class="person-search" role="search" aria-label="Recherche des dossiers">
        <label class="field__label" for="usagers-recherche">
          Rechercher une personne
        </label>
        <p class="field__hint" id="usagers-recherche-aide">
          Nom (de naissance ou d'usage) et prénom, date de naissance (JJ/MM/AAAA ou année), ou NIR ; au moins{' '}
          {MIN_LENGTH} caractères.
        </p>
        <input
          id="usagers-recherche"
          type="search"
          class="field__input person-search__input"
          value={typed}
          onInput={(event) => setTyped(event.currentTarget.value)}
          autoComplete="off"
          spellcheck={false}
          aria-describedby={parsed.kind === 'invalid' ? 'usagers-recherche-erreur usagers-recherche-aide' : 'usagers-recherche-aide'}
          aria-invalid={parsed.kind === 'invalid' ? 'true' : undefined}
        />
        {parsed.kind === 'invalid' && (
          <p class="field__error" id="usagers-recherche-erreur">
            {parsed.message}
          </p>
        )}
      </div>
      {parsed.kind === 'query' && <PersonSearchResults key={JSON.stringify(parsed.query)} query={parsed.query} />}
      {parsed.kind === 'empty' && (
        <p class="notice" data-testid="persons-prompt">
          Saisissez au moins {MIN_LENGTH} caractères pour afficher les dossiers correspondants.
        </p>
      )}
    </article>
  );
}
