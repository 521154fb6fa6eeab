// Every first name of the birth certificate, in its order: one input each, « Ajouter un prénom », « Retirer ».
import { focusField } from '../../ui/focusField';
import { MAX_FIRST_NAMES } from './identityValues';

interface Props {
  /** The inputs have the ids `${idPrefix}-0`, `${idPrefix}-1`… */
  idPrefix: string;
  values: readonly string[];
  onValues: (values: string[]) => void;
  error?: string;
}

const ORDINALS = ['Premier', 'Deuxième', 'Troisième', 'Quatrième', 'Cinquième', 'Sixième', 'Septième', 'Huitième', 'Neuvième', 'Dixième'];

export function FirstNamesField({ idPrefix, values, onValues, error }: Props) {
  const errorId = error ? `${idPrefix}-erreur` : undefined;
  const inputId = (index: number) => `${idPrefix}-${index}`;

  function change(index: number, value: string) {
    onValues(values.map((v, i) => (i === index ? value : v)));
  }

  function add() {
    onValues([...values, '']);
    focusField(inputId(values.length));
  }

  function remove(index: number) {
    onValues(values.filter((_, i) => i !== index));
    focusField(inputId(Math.max(0, index - 1)));
  }

  return (
    <fieldset class={['field', 'choices', error ? 'field--invalid' : ''].filter(Boolean).join(' ')} aria-describedby={errorId}>
      <legend class="field__label">Prénoms</legend>
      <p class="field__hint">Tous les prénoms de l'acte de naissance, dans leur ordre.</p>
      {error && (
        <p class="field__error" id={errorId}>
          <span class="visually-hidden">Erreur : </span>
          {error}
        </p>
      )}
      <ol class="first-names" data-testid="first-names">
        {values.map((value, index) => (
          <li key={index} class="first-names__item">
            <label class="visually-hidden" for={inputId(index)}>
              {`${ORDINALS[index] ?? `Prénom n° ${index + 1}`} prénom`}
            </label>
            <input
              id={inputId(index)}
              class="field__input"
              value={value}
              autoComplete="off"
              spellcheck={false}
              aria-invalid={error ? 'true' : undefined}
              onInput={(event) => change(index, event.currentTarget.value)}
            />
            {values.length > 1 && (
              <button
                type="button"
                class="button button--secondary button--small"
                aria-label={`Retirer le prénom ${index + 1}${value ? ` (${value})` : ''}`}
                onClick={() => remove(index)}
              >
                Retirer
              </button>
            )}
          </li>
        ))}
      </ol>
      {values.length < MAX_FIRST_NAMES && (
        <button type="button" class="button button--secondary button--small" onClick={add}>
          Ajouter un prénom
        </button>
      )}
    </fieldset>
  );
}
