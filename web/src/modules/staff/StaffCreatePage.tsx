// « Ajouter un professionnel »: identity, job and first contract; once created, the staff record.
import { useState } from 'preact/hooks';
import { createStaff } from '../../api/staff';
import { fieldMessages, problemMessage, type FieldMessages } from '../../api/problems';
import { navigate } from '../../app/router';
import { FormAlert } from '../../ui/FormAlert';
import { PageTitle } from '../../ui/PageTitle';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { establishmentOptions, useEstablishments } from '../persons/useEstablishments';
import { ContractFields, EMPTY_CONTRACT, type ContractValues } from './ContractFields';
import { contractInput } from './contractInput';
import { useStaffReference } from './useStaffReference';
import './staff.css';

export function StaffCreatePage() {
  const reference = useStaffReference();
  const establishments = useEstablishments();
  const [identity, setIdentity] = useState({ last_name: '', first_name: '', job: '', sex: '', birth_date: '' });
  const [contract, setContract] = useState<ContractValues>(EMPTY_CONTRACT);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof identity) => (value: string) => setIdentity({ ...identity, [key]: value });

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      const created = await createStaff({
        last_name: identity.last_name,
        first_name: identity.first_name,
        job: identity.job,
        ...(identity.sex ? { sex: identity.sex } : {}),
        ...(identity.birth_date ? { birth_date: identity.birth_date } : {}),
        contracts: [contractInput(contract)],
      });
      navigate(`/personnel/${created.id}`);
    } catch (e) {
      setBusy(false);
      setErrors(fieldMessages(e));
      setAlert(`La fiche n'a pas été créée. ${problemMessage(e)}`);
    }
  }

  const options = establishments.kind === 'ready' ? establishmentOptions(establishments.establishments, null) : [];
  return (
    <article class="page">
      <p class="breadcrumb">
        <a href="/personnel">Personnel</a>
      </p>
      <PageTitle>Ajouter un professionnel</PageTitle>
      {!reference && <p class="loading">Chargement…</p>}
      {reference && (
        <form onSubmit={(e) => void submit(e)} data-testid="staff-create-form" noValidate>
          <FormAlert message={alert} />
          <fieldset>
            <legend>Identité et métier</legend>
            <TextField id="personnel-nom" label="Nom" value={identity.last_name} onValue={set('last_name')} error={errors.last_name} />
            <TextField id="personnel-prenom" label="Prénom" value={identity.first_name} onValue={set('first_name')} error={errors.first_name} />
            <SelectField
              id="personnel-metier"
              label="Métier"
              value={identity.job}
              onValue={set('job')}
              options={reference.jobs.map((j) => ({ value: j.code, label: j.label }))}
              emptyLabel="Choisir…"
              error={errors.job}
            />
            <SelectField
              id="personnel-sexe"
              label="Sexe"
              value={identity.sex}
              onValue={set('sex')}
              options={[
                { value: 'F', label: 'Femme' },
                { value: 'M', label: 'Homme' },
              ]}
              emptyLabel="Non renseigné"
              required={false}
              error={errors.sex}
            />
            <TextField id="personnel-naissance" label="Date de naissance" type="date" value={identity.birth_date} onValue={set('birth_date')} required={false} error={errors.birth_date} />
          </fieldset>
          <fieldset>
            <legend>Premier contrat</legend>
            <ContractFields idPrefix="contrat" values={contract} onChange={setContract} reference={reference} establishments={options} errors={errors} errorPrefix="contracts/0/" />
          </fieldset>
          <p>
            <button type="submit" class="button" disabled={busy}>
              Créer la fiche
            </button>{' '}
            <a class="button button--secondary" href="/personnel">
              Annuler
            </a>
          </p>
        </form>
      )}
    </article>
  );
}
