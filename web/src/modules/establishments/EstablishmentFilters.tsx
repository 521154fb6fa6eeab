// The filters of the list: category, funder, text (searched once typing pauses) and archived establishments.
// Every change applies at once; the text waits for a pause in typing.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Reference } from '../../api/establishments';
import type { FieldMessages } from '../../api/problems';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { labelOf } from './labels';
import { NO_FILTERS, hasFilters, type ListFilters } from './listQuery';

const DEBOUNCE_MS = 350;

interface Props {
  reference: Reference;
  filters: ListFilters;
  onChange: (filters: ListFilters) => void;
  /** The server's messages about the filters (400), per filter. */
  errors: FieldMessages;
}

export function EstablishmentFilters({ reference, filters, onChange, errors }: Props) {
  const [text, setText] = useState(filters.text);
  const timer = useRef<number | undefined>(undefined);
  // The filters when the pause in typing comes (another filter may have changed meanwhile).
  const latest = useRef(filters);
  latest.current = filters;

  // The address changed (Back, a link): the search box follows.
  useEffect(() => {
    setText((typed) => (typed.trim() === filters.text.trim() ? typed : filters.text));
  }, [filters.text]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  function onText(value: string) {
    setText(value);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => onChange({ ...latest.current, text: value }), DEBOUNCE_MS);
  }

  function clear() {
    window.clearTimeout(timer.current);
    setText('');
    onChange(NO_FILTERS);
  }

  const categories = reference.categories.map((c) => ({ value: c.code, label: `${c.short_label} — ${c.label}` }));
  const funders = reference.funders.map((f) => ({ value: f.code, label: labelOf(reference.funders, f.code) }));

  return (
    <form
      class="form filters"
      role="search"
      aria-labelledby="etablissements-filtres-titre"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        window.clearTimeout(timer.current);
        onChange({ ...filters, text });
      }}
    >
      <h2 id="etablissements-filtres-titre" class="filters__title">
        Filtres
      </h2>
      <div class="filters__grid">
        <TextField
          id="etablissements-recherche"
          label="Recherche"
          hint="Nom, numéro FINESS ou ville"
          value={text}
          onValue={onText}
          autoComplete="off"
          spellcheck={false}
          error={errors.q}
        />
        <SelectField
          id="etablissements-categorie"
          label="Catégorie"
          emptyLabel="Toutes les catégories"
          options={categories}
          value={filters.category}
          onValue={(category) => onChange({ ...filters, text, category })}
          error={errors.category}
        />
        <SelectField
          id="etablissements-financeur"
          label="Financeur"
          emptyLabel="Tous les financeurs"
          options={funders}
          value={filters.funder}
          onValue={(funder) => onChange({ ...filters, text, funder })}
          error={errors.funder}
        />
      </div>
      <div class="form__actions">
        <div class="checkbox">
          <input
            type="checkbox"
            id="etablissements-archives"
            checked={filters.archived}
            onChange={(event) => onChange({ ...filters, text, archived: event.currentTarget.checked })}
          />
          <label for="etablissements-archives">Inclure les établissements archivés</label>
        </div>
        {hasFilters({ ...filters, text }) && (
          <button type="button" class="button button--secondary" onClick={clear}>
            Effacer les filtres
          </button>
        )}
      </div>
    </form>
  );
}
