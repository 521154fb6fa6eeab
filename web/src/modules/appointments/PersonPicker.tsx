// Choosing the person an appointment is for: a type-ahead on the persons search (same rules as the
// « Usagers » page: the start of any name, in any order), or nobody (a meeting of professionals).
import { useEffect, useState } from 'preact/hooks';
import type { AppointmentPerson } from '../../api/appointments';
import { searchPersons, type Person } from '../../api/persons';
import { bornLabel, fullName } from '../persons/names';
import { personName } from './labels';

interface Props {
  id: string;
  value: AppointmentPerson | null;
  onValue: (person: AppointmentPerson | null) => void;
  error?: string;
  disabled?: boolean;
}

export function PersonPicker({ id, value, onValue, error, disabled }: Props) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<Person[] | null>(null);
  const errorId = error ? `${id}-erreur` : undefined;

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) {
      setFound(null);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      searchPersons({ q }, null, 8, controller.signal).then(
        (page) => setFound(page.items),
        () => {
          if (!controller.signal.aborted) setFound([]);
        },
      );
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  return (
    <fieldset class={['field', error ? 'field--invalid' : ''].filter(Boolean).join(' ')} aria-describedby={errorId}>
      <legend class="field__label">
        Personne accompagnée<span class="field__optional"> (facultatif pour une réunion de professionnels)</span>
      </legend>
      {error && (
        <p class="field__error" id={errorId}>
          <span class="visually-hidden">Erreur : </span>
          {error}
        </p>
      )}
      {value ? (
        <p class="person-picker__chosen">
          <strong data-testid="rdv-personne">{personName(value)}</strong>{' '}
          {!disabled && (
            <button type="button" class="button button--link" onClick={() => onValue(null)}>
              Retirer la personne
            </button>
          )}
        </p>
      ) : (
        <>
          <label class="field__label visually-hidden" for={id}>
            Rechercher une personne
          </label>
          <input
            id={id}
            type="search"
            class="field__input"
            value={text}
            placeholder="Nom ou prénom (2 lettres au moins)"
            autoComplete="off"
            disabled={disabled}
            onInput={(e) => setText(e.currentTarget.value)}
            aria-invalid={error ? 'true' : undefined}
          />
          <div aria-live="polite">
            {found && found.length === 0 && <p class="field__hint">Aucune personne trouvée.</p>}
            {found && found.length > 0 && (
              <ul class="person-picker__results" aria-label="Personnes trouvées">
                {found.map((p) => (
                  <li key={p.id}>
                    <button
                      type="button"
                      class="button button--secondary button--small"
                      onClick={() => {
                        onValue({ id: p.id, birth_name: p.birth_name, used_name: p.used_name, first_names: p.first_names, used_first_name: p.used_first_name });
                        setText('');
                      }}
                    >
                      {fullName(p)} — {bornLabel(p)}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
    </fieldset>
  );
}
