// « Enregistrer une demande d'admission »: a request received for an establishment and a kind of care, on the
// waiting list from then on (status 42 unless another is chosen), possibly tied to an orientation decision.
import type { Reference } from '../../api/establishments';
import { addAdmissionRequest, type AdmissionRequestInput, type Decision } from '../../api/persons';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField, type SelectOption } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { formatDate, isIsoDate, todayIso } from '../establishments/format';
import { useForm, type Errors } from '../establishments/useForm';
import { careModeOptions } from './choices';
import { REQUEST_STATUSES } from './labels';

interface Values {
  [field: string]: unknown;
  establishment_id: string;
  care_mode: string;
  received_date: string;
  status: string;
  decision_id: string;
  comment: string;
}

const IDS: Record<keyof Values & string, string> = {
  establishment_id: 'demande-etablissement',
  care_mode: 'demande-mode',
  received_date: 'demande-reception',
  status: 'demande-statut',
  decision_id: 'demande-decision',
  comment: 'demande-commentaire',
};

function check(v: Values): Errors<Values> {
  const errors: Errors<Values> = {};
  if (!v.establishment_id) errors.establishment_id = "Choisissez l'établissement demandé.";
  if (!v.care_mode) errors.care_mode = "Choisissez le mode d'accueil.";
  if (!isIsoDate(v.received_date)) errors.received_date = 'Saisissez la date de réception de la demande.';
  else if (v.received_date > todayIso()) errors.received_date = 'La date de réception ne peut pas être future.';
  return errors;
}

const input = (v: Values): AdmissionRequestInput => ({
  establishment_id: Number(v.establishment_id),
  care_mode: v.care_mode,
  received_date: v.received_date,
  status: v.status,
  ...(v.decision_id ? { decision_id: Number(v.decision_id) } : {}),
  ...(v.comment.trim() ? { comment: v.comment.trim() } : {}),
});

interface Props {
  personId: number;
  reference: Reference;
  establishments: SelectOption[];
  decisions: readonly Decision[];
  onDone: (message: string) => void;
}

export function AdmissionRequestForm({ personId, reference, establishments, decisions, onDone }: Props) {
  const empty: Values = {
    establishment_id: establishments.length === 1 ? (establishments[0]?.value ?? '') : '',
    care_mode: '',
    received_date: todayIso(),
    status: '42',
    decision_id: '',
    comment: '',
  };
  const form = useForm<Values>(empty, IDS);
  const { values, set, errors } = form;
  return (
    <section class="panel" aria-labelledby="demande-titre" data-testid="request-form">
      <h3 id="demande-titre" class="panel__title">
        Enregistrer une demande d'admission
      </h3>
      <FormAlert message={form.alert} testId="request-form-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="demande-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check,
            send: (v) => addAdmissionRequest(personId, input(v)),
            done: (created) => {
              form.reset(empty);
              onDone(`Demande d'admission enregistrée : ${created.status_label}.`);
            },
            failure: "La demande n'a pas été enregistrée.",
          });
        }}
      >
        <div class="form-grid">
          <SelectField
            id={IDS.establishment_id}
            label="Établissement demandé"
            emptyLabel={establishments.length === 1 ? undefined : 'Choisir…'}
            options={establishments}
            value={values.establishment_id}
            onValue={set('establishment_id')}
            error={errors.establishment_id}
          />
          <SelectField
            id={IDS.care_mode}
            label="Mode d'accueil"
            emptyLabel="Choisir…"
            options={careModeOptions(reference)}
            value={values.care_mode}
            onValue={set('care_mode')}
            error={errors.care_mode}
          />
          <TextField
            id={IDS.received_date}
            label="Reçue le"
            type="date"
            value={values.received_date}
            onValue={set('received_date')}
            error={errors.received_date}
          />
          <SelectField
            id={IDS.status}
            label="Statut"
            options={REQUEST_STATUSES.filter((s) => s.waiting).map((s) => ({ value: s.code, label: s.label }))}
            value={values.status}
            onValue={set('status')}
            error={errors.status}
          />
          {decisions.length > 0 && (
            <SelectField
              id={IDS.decision_id}
              label="Décision d'orientation"
              required={false}
              emptyLabel="Aucune"
              options={decisions.map((d) => ({
                value: String(d.id),
                label: `${d.decision_reference} (jusqu'au ${formatDate(d.valid_to)})`,
              }))}
              value={values.decision_id}
              onValue={set('decision_id')}
              error={errors.decision_id}
            />
          )}
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
            {form.busy ? 'Enregistrement…' : 'Enregistrer la demande'}
          </button>
        </div>
      </form>
    </section>
  );
}
