// « Enregistrer une signature » of a draft plan: who signs (the person or their legal representative, the
// referent professional, the director), their name, the day they signed (not in the future).
import type { Signatory, SupportPlan } from '../../api/plans';
import { signPlan } from '../../api/plans';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { isIsoDate, todayIso } from '../establishments/format';
import { useForm, type Errors } from '../establishments/useForm';
import { SIGNATORIES, label } from './labels';
import { required } from './choices';

interface Values {
  [field: string]: unknown;
  signatory: string;
  name: string;
  signed_on: string;
}

const IDS: Record<keyof Values & string, string> = {
  signatory: 'signature-signataire',
  name: 'signature-nom',
  signed_on: 'signature-date',
};

function check(v: Values): Errors<Values> {
  const errors: Errors<Values> = {};
  if (!v.signatory) errors.signatory = 'Choisissez qui signe.';
  errors.name = required(v.name, 'Saisissez le nom du signataire.');
  if (!isIsoDate(v.signed_on)) errors.signed_on = 'Saisissez la date de signature.';
  else if (v.signed_on > todayIso()) errors.signed_on = 'La date de signature ne peut pas être dans le futur.';
  return errors;
}

export function PlanSignatureForm({ personId, plan, onDone }: { personId: number; plan: SupportPlan; onDone: (m: string) => void }) {
  const signed = new Set(plan.signatures.map((s) => s.signatory));
  // The person or the legal representative: one of the two is enough, both may sign.
  const remaining = Object.keys(SIGNATORIES).filter((s) => !signed.has(s as Signatory));
  const form = useForm<Values>({ signatory: remaining[0] ?? '', name: '', signed_on: todayIso() }, IDS);
  const { values, set, errors } = form;
  if (remaining.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="signature-titre" data-testid="signature-form">
      <h4 id="signature-titre" class="panel__title">
        Enregistrer une signature
      </h4>
      <FormAlert message={form.alert} testId="signature-form-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="signature-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check,
            send: (v) => signPlan(personId, plan.id, { signatory: v.signatory as Signatory, name: v.name.trim(), signed_on: v.signed_on }),
            done: (saved) => {
              const left = Object.keys(SIGNATORIES).filter((s) => !saved.signatures.some((x) => x.signatory === s));
              form.reset({ signatory: left[0] ?? '', name: '', signed_on: todayIso() });
              onDone(`Signature enregistrée : ${label(SIGNATORIES, values.signatory).toLowerCase()}, ${values.name.trim()}.`);
            },
            failure: "La signature n'a pas été enregistrée.",
          });
        }}
      >
        <div class="form-grid">
          <SelectField
            id={IDS.signatory}
            label="Signataire"
            options={remaining.map((s) => ({ value: s, label: label(SIGNATORIES, s) }))}
            value={values.signatory}
            onValue={set('signatory')}
            error={errors.signatory}
          />
          <TextField id={IDS.name} label="Nom et prénom" value={values.name} onValue={set('name')} error={errors.name} />
          <TextField
            id={IDS.signed_on}
            label="Signé le"
            type="date"
            value={values.signed_on}
            onValue={set('signed_on')}
            error={errors.signed_on}
          />
        </div>
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Enregistrement…' : 'Enregistrer la signature'}
          </button>
        </div>
      </form>
    </section>
  );
}
