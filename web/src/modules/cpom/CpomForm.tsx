// The form of a CPOM (creation and change): name, funders, establishments concerned, period (five years, six
// with an amendment), status, and the external reader accounts (the funders' people) who may read it.
import { useEffect, useState } from 'preact/hooks';
import { readerAccounts, type Cpom, type CpomInput } from '../../api/cpom';
import { fieldMessages, problemMessage, type FieldMessages } from '../../api/problems';
import { CheckboxGroup } from '../../ui/CheckboxGroup';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { establishmentOptions, useEstablishments } from '../persons/useEstablishments';
import { errorOf } from './errors';
import { useCpomReference } from './useCpomReference';

interface Values {
  name: string;
  funders: string[];
  establishment_ids: string[];
  reader_ids: string[];
  start_date: string;
  end_date: string;
  status: string;
}

function valuesOf(c: Cpom | null): Values {
  if (!c)
    return { name: '', funders: [], establishment_ids: [], reader_ids: [], start_date: '', end_date: '', status: 'draft' };
  return {
    name: c.name,
    funders: c.funders.map((f) => f.code),
    establishment_ids: c.establishments.map((e) => String(e.id)),
    reader_ids: c.readers.map((r) => String(r.account_id)),
    start_date: c.start_date,
    end_date: c.end_date,
    status: c.status,
  };
}

export function CpomForm({
  current,
  submitLabel,
  save,
  cancel,
}: {
  current: Cpom | null;
  submitLabel: string;
  save: (input: CpomInput) => Promise<void>;
  cancel?: () => void;
}) {
  const reference = useCpomReference();
  const establishments = useEstablishments();
  const [readers, setReaders] = useState<{ id: number; display_name: string; email: string }[]>([]);
  const [values, setValues] = useState<Values>(valuesOf(current));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    readerAccounts(controller.signal).then(
      (r) => setReaders(r.items),
      () => undefined,
    );
    return () => controller.abort();
  }, []);
  const set = <K extends keyof Values>(key: K) => (value: Values[K]) => setValues({ ...values, [key]: value });

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      await save({
        name: values.name,
        funders: values.funders,
        establishment_ids: values.establishment_ids.map(Number),
        reader_ids: values.reader_ids.map(Number),
        start_date: values.start_date,
        end_date: values.end_date,
        status: values.status,
      });
    } catch (e) {
      setBusy(false);
      setErrors(fieldMessages(e));
      setAlert(`Le CPOM n'a pas été enregistré. ${problemMessage(e)}`);
    }
  }

  const list = establishments.kind === 'ready' ? establishments.establishments : [];
  // The establishments already named stay listed even when the account no longer sees them.
  const establishmentChoices = establishmentOptions(list, null);
  for (const e of current?.establishments ?? [])
    if (!establishmentChoices.some((o) => o.value === String(e.id))) establishmentChoices.push({ value: String(e.id), label: e.name });
  return (
    <form class="cpom-form" onSubmit={(e) => void submit(e)} data-testid="cpom-form" noValidate>
      <FormAlert message={alert} />
      <TextField id="cpom-nom" label="Intitulé du contrat" value={values.name} onValue={set('name')} error={errors.name} />
      <CheckboxGroup
        id="cpom-financeurs"
        legend="Financeurs"
        options={(reference?.funders ?? []).map((f) => ({ value: f.code, label: f.label }))}
        values={values.funders}
        onValues={set('funders')}
        error={errorOf(errors, 'funders')}
        inline
      />
      <CheckboxGroup
        id="cpom-etablissements"
        legend="Établissements et services concernés"
        options={establishmentChoices}
        values={values.establishment_ids}
        onValues={set('establishment_ids')}
        error={errorOf(errors, 'establishment_ids')}
      />
      <div class="cpom-fields">
        <TextField id="cpom-debut" label="Début" type="date" value={values.start_date} onValue={set('start_date')} error={errors.start_date} />
        <TextField
          id="cpom-fin"
          label="Fin"
          type="date"
          value={values.end_date}
          onValue={set('end_date')}
          error={errors.end_date}
          hint="Cinq ans, six au plus avec un avenant."
        />
        <SelectField
          id="cpom-statut"
          label="Statut"
          value={values.status}
          onValue={set('status')}
          options={(reference?.statuses ?? []).map((s) => ({ value: s.code, label: s.label }))}
          error={errors.status}
        />
      </div>
      <CheckboxGroup
        id="cpom-lecteurs"
        legend="Lecteurs externes (financeurs)"
        hint="Ces comptes verront ce CPOM, ses fiches action et leur avancement, en lecture seule, et rien d'autre."
        options={readers.map((r) => ({ value: String(r.id), label: `${r.display_name} (${r.email})` }))}
        values={values.reader_ids}
        onValues={set('reader_ids')}
        error={errorOf(errors, 'reader_ids')}
        required={false}
      />
      <p>
        <button type="submit" class="button" disabled={busy}>
          {submitLabel}
        </button>{' '}
        {cancel && (
          <button type="button" class="button button--secondary" onClick={cancel}>
            Annuler
          </button>
        )}
      </p>
    </form>
  );
}
