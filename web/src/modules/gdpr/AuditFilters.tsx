// The filters of the audit trail: account, person, action and period.
import { useEffect, useState } from 'preact/hooks';
import type { FieldMessages } from '../../api/problems';
import { TextField } from '../../ui/TextField';
import { focusField } from '../../ui/focusField';
import { ACTIONS } from './auditLabels';
import { NO_FILTERS, checkFilters, type AuditFilterValues } from './auditQuery';

interface Props {
  /** Messages from the server about the filters, per field. */
  serverErrors: FieldMessages;
  onApply: (values: AuditFilterValues) => void;
}

const IDS: Record<keyof AuditFilterValues, string> = {
  account: 'trace-compte',
  person: 'trace-personne',
  action: 'trace-action',
  from: 'trace-du',
  to: 'trace-au',
};

export function AuditFilters({ serverErrors, onApply }: Props) {
  const [values, setValues] = useState<AuditFilterValues>(NO_FILTERS);
  const [errors, setErrors] = useState<FieldMessages>({});

  useEffect(() => setErrors(serverErrors), [serverErrors]);

  const set = (field: keyof AuditFilterValues) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  function submit(event: Event) {
    event.preventDefault();
    const found = checkFilters(values);
    setErrors(found);
    const first = (Object.keys(IDS) as (keyof AuditFilterValues)[]).find((field) => found[field]);
    if (first) return focusField(IDS[first]);
    onApply(values);
  }

  function clear() {
    setValues(NO_FILTERS);
    setErrors({});
    onApply(NO_FILTERS);
  }

  return (
    <form class="form filters" noValidate onSubmit={submit} aria-labelledby="trace-filtres-titre">
      <h2 id="trace-filtres-titre" class="filters__title">
        Filtres
      </h2>
      <div class="filters__grid">
        <TextField
          id={IDS.account}
          label="Compte (identifiant)"
          inputMode="numeric"
          value={values.account}
          onValue={set('account')}
          error={errors.account}
        />
        <TextField
          id={IDS.person}
          label="Personne accompagnée (identifiant)"
          inputMode="numeric"
          value={values.person}
          onValue={set('person')}
          error={errors.person}
        />
        <div class={errors.action ? 'field field--invalid' : 'field'}>
          <label class="field__label" for={IDS.action}>
            Action
          </label>
          {errors.action && (
            <p class="field__error" id={`${IDS.action}-erreur`}>
              <span class="visually-hidden">Erreur : </span>
              {errors.action}
            </p>
          )}
          <select
            id={IDS.action}
            class="field__input"
            value={values.action}
            onChange={(event) => set('action')(event.currentTarget.value)}
            aria-invalid={errors.action ? 'true' : undefined}
            aria-describedby={errors.action ? `${IDS.action}-erreur` : undefined}
          >
            <option value="">Toutes les actions</option>
            {ACTIONS.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <TextField id={IDS.from} label="Du" type="date" value={values.from} onValue={set('from')} error={errors.from} />
        <TextField
          id={IDS.to}
          label="Au (inclus)"
          type="date"
          value={values.to}
          onValue={set('to')}
          error={errors.to}
        />
      </div>
      <div class="form__actions">
        <button type="submit" class="button">
          Rechercher
        </button>
        <button type="button" class="button button--secondary" onClick={clear}>
          Effacer les filtres
        </button>
      </div>
    </form>
  );
}
