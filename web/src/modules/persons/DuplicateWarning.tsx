// The server thinks the person may already have a record (409 possible-duplicate): its explanation, the records
// a search by the birth name finds (each opens in a new tab, the form stays), and « Créer quand même ».
import { useEffect, useRef, useState } from 'preact/hooks';
import { searchPersons, type Person } from '../../api/persons';
import { bornLabel, fullName } from './names';

interface Props {
  /** The problem's detail. */
  detail: string;
  birthName: string;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The server's sentence, without its note for programmers ("(confirm_duplicate: true …)"). */
const readable = (detail: string) => detail.replace(/\s*\(confirm_duplicate[^)]*\)/, '').trim();

export function DuplicateWarning({ detail, birthName, busy, error, onConfirm, onCancel }: Props) {
  const [candidates, setCandidates] = useState<Person[] | null>(null);
  const region = useRef<HTMLElement>(null);

  useEffect(() => {
    region.current?.focus();
    const controller = new AbortController();
    searchPersons({ q: birthName }, null, 10, controller.signal).then(
      (page) => setCandidates(page.items),
      () => setCandidates([]),
    );
    return () => controller.abort();
  }, [birthName]);

  return (
    <section
      class="panel duplicate-warning"
      aria-labelledby="doublon-titre"
      tabIndex={-1}
      ref={region}
      data-testid="duplicate-warning"
    >
      <h2 id="doublon-titre" class="panel__title">
        Doublon probable
      </h2>
      <p>{readable(detail) || 'Une personne très proche a déjà un dossier.'}</p>
      {candidates && candidates.length > 0 && (
        <>
          <p>Dossiers existants portant ce nom (s'ouvrent dans un nouvel onglet) :</p>
          <ul class="duplicate-warning__list" data-testid="duplicate-candidates">
            {candidates.map((p) => (
              <li key={p.id}>
                <a href={`/usagers/${p.id}`} target="_blank" rel="noopener">
                  {fullName(p)}
                </a>
                {' — '}
                {bornLabel(p)}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        S'il s'agit de la même personne, n'ouvrez pas de second dossier : complétez le dossier existant. S'il s'agit
        bien d'une autre personne, confirmez la création.
      </p>
      <div role="alert">{error && <p class="alert alert--error">{error}</p>}</div>
      <div class="form__actions">
        <button type="button" class="button button--danger" onClick={onConfirm} disabled={busy}>
          {busy ? 'Création…' : 'Créer quand même'}
        </button>
        <button type="button" class="button button--secondary" onClick={onCancel} disabled={busy}>
          Revoir la saisie
        </button>
      </div>
    </section>
  );
}
