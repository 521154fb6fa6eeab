// « Changer le statut » of an admission request: the new status and the day it took effect (today by default).
import { updateAdmissionRequest, type AdmissionRequest } from '../../api/persons';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { formatDate, isIsoDate, todayIso } from '../establishments/format';
import { useForm, type Errors } from '../establishments/useForm';
import { requestStatusOptions } from './labels';

interface Values {
  [field: string]: unknown;
  status: string;
  status_date: string;
  comment: string;
}

const IDS: Record<keyof Values & string, string> = {
  status: 'demande-nouveau-statut',
  status_date: 'demande-date-statut',
  comment: 'demande-nouveau-commentaire',
};

function check(v: Values, r: AdmissionRequest): Errors<Values> {
  const errors: Errors<Values> = {};
  if (!isIsoDate(v.status_date)) errors.status_date = 'Saisissez la date du changement.';
  else if (v.status_date > todayIso()) errors.status_date = 'La date ne peut pas être future.';
  else if (v.status_date < r.received_date)
    errors.status_date = `La date précède la réception de la demande (${formatDate(r.received_date)}).`;
  return errors;
}

interface Props {
  personId: number;
  request: AdmissionRequest;
  title: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function RequestStatusForm({ personId, request, title, onDone, onCancel }: Props) {
  const form = useForm<Values>({ status: request.status, status_date: todayIso(), comment: request.comment ?? '' }, IDS);
  const { values, set, errors } = form;
  return (
    <section class="panel" aria-labelledby="demande-statut-titre" data-testid="request-status-form">
      <h3 id="demande-statut-titre" class="panel__title">
        {title}
      </h3>
      <FormAlert message={form.alert} testId="request-status-form-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="demande-statut-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check: (v) => check(v, request),
            send: (v) =>
              updateAdmissionRequest(personId, request.id, {
                ...(v.status !== request.status ? { status: v.status, status_date: v.status_date } : {}),
                comment: v.comment.trim() ? v.comment.trim() : null,
              }),
            done: (saved) => onDone(`Demande mise à jour : ${saved.status_label}.`),
            failure: "La demande n'a pas été mise à jour.",
          });
        }}
      >
        <div class="form-grid">
          <SelectField
            id={IDS.status}
            label="Statut"
            options={requestStatusOptions()}
            value={values.status}
            onValue={set('status')}
            error={errors.status}
          />
          <TextField
            id={IDS.status_date}
            label="Depuis le"
            type="date"
            value={values.status_date}
            onValue={set('status_date')}
            error={errors.status_date}
          />
        </div>
        <TextField
          id={IDS.comment}
          label="Commentaire"
          required={false}
          value={values.comment}
          onValue={set('comment')}
          error={errors.comment}
        />
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Enregistrement…' : 'Enregistrer'}
          </button>
          <button type="button" class="button button--secondary" onClick={onCancel} disabled={form.busy}>
            Annuler
          </button>
        </div>
      </form>
    </section>
  );
}
