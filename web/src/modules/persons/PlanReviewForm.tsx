// « Faire le bilan » of a validated plan: the day of the review, a summary, and the outcome of each goal
// (achieved, partly achieved, not achieved, abandoned, continued) with a comment. The next review is due a
// year later (set by the server).
import { useState } from 'preact/hooks';
import { reviewPlan, type Outcome, type SupportPlan } from '../../api/plans';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { formatDate, isIsoDate, todayIso } from '../establishments/format';
import { GOAL_DOMAINS, OUTCOMES, label, optionsOf } from './labels';
import { usePathForm, type PathErrors } from './pathErrors';

interface Props {
  personId: number;
  plan: SupportPlan;
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function PlanReviewForm({ personId, plan, onDone, onCancel }: Props) {
  const [date, setDate] = useState(todayIso());
  const [summary, setSummary] = useState('');
  const [outcomes, setOutcomes] = useState(plan.goals.map(() => ({ outcome: '', comment: '' })));
  const form = usePathForm('bilan');
  const { errors, id } = form;

  const order = ['review_date', 'summary', ...plan.goals.flatMap((_, i) => [`outcomes/${i}/outcome`, `outcomes/${i}/comment`])];
  function check(): PathErrors {
    const e: PathErrors = {};
    if (!isIsoDate(date)) e.review_date = 'Saisissez la date du bilan.';
    if (!summary.trim()) e.summary = 'Résumez le bilan.';
    outcomes.forEach((o, i) => {
      if (!o.outcome) e[`outcomes/${i}/outcome`] = "Choisissez le résultat de l'objectif.";
    });
    return e;
  }
  const setOutcome = (i: number, change: Partial<{ outcome: string; comment: string }>) =>
    setOutcomes((all) => all.map((o, k) => (k === i ? { ...o, ...change } : o)));

  return (
    <section class="panel" aria-labelledby="bilan-titre" data-testid="review-form">
      <h4 id="bilan-titre" class="panel__title">
        Bilan du projet (version {plan.version})
      </h4>
      <FormAlert message={form.alert} testId="review-form-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="bilan-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            order,
            check,
            send: () =>
              reviewPlan(personId, plan.id, {
                review_date: date,
                summary: summary.trim(),
                outcomes: plan.goals.map((g, i) => ({
                  goal_id: g.id,
                  outcome: outcomes[i]?.outcome as Outcome,
                  ...(outcomes[i]?.comment.trim() ? { comment: outcomes[i]?.comment.trim() } : {}),
                })),
              }),
            done: (saved) =>
              onDone(
                `Bilan du ${formatDate(date)} enregistré${saved.review_due ? ` ; prochaine révision le ${formatDate(saved.review_due)}` : ''}.`,
              ),
            failure: "Le bilan n'a pas été enregistré.",
          });
        }}
      >
        <TextField id={id('review_date')} label="Date du bilan" type="date" value={date} onValue={setDate} error={errors.review_date} />
        <TextAreaField id={id('summary')} label="Synthèse du bilan" value={summary} onValue={setSummary} error={errors.summary} rows={3} />
        {plan.goals.map((g, i) => (
          <fieldset class="fieldset" key={g.id}>
            <legend class="fieldset__legend">
              Objectif {g.position} — {label(GOAL_DOMAINS, g.domain)}
            </legend>
            <p class="muted">{g.description}</p>
            <SelectField
              id={id(`outcomes/${i}/outcome`)}
              label={`Résultat de l'objectif ${g.position}`}
              emptyLabel="Choisir…"
              options={optionsOf(OUTCOMES)}
              value={outcomes[i]?.outcome ?? ''}
              onValue={(outcome) => setOutcome(i, { outcome })}
              error={errors[`outcomes/${i}/outcome`] ?? errors[`outcomes/${i}/goal_id`]}
            />
            <TextField
              id={id(`outcomes/${i}/comment`)}
              label={`Commentaire sur l'objectif ${g.position}`}
              required={false}
              value={outcomes[i]?.comment ?? ''}
              onValue={(comment) => setOutcome(i, { comment })}
              error={errors[`outcomes/${i}/comment`]}
            />
          </fieldset>
        ))}
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Enregistrement…' : 'Enregistrer le bilan'}
          </button>
          <button type="button" class="button button--secondary" onClick={onCancel} disabled={form.busy}>
            Annuler
          </button>
        </div>
      </form>
    </section>
  );
}
