// Writing a support plan draft: the assessment of needs, the person's wishes, the goals (domain, what is
// aimed at, expected outcome, target date) and, for each goal, its actions (what, who, how often). Used to
// open a draft (POST, from nothing or from the current validated plan) and to change one (PUT).
import { useRef, useState } from 'preact/hooks';
import type { Establishment } from '../../api/establishments';
import {
  createPlan,
  updatePlan,
  type GoalDomain,
  type PlanContentInput,
  type SupportPlan,
} from '../../api/plans';
import { focusField } from '../../ui/focusField';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { isIsoDate } from '../establishments/format';
import { GOAL_DOMAINS, optionsOf } from './labels';
import { usePathForm, type PathErrors } from './pathErrors';

interface ActionValues {
  key: number;
  description: string;
  who: string;
  frequency: string;
}

interface GoalValues {
  key: number;
  domain: string;
  description: string;
  expected_outcome: string;
  target_date: string;
  actions: ActionValues[];
}

interface Values {
  establishment_id: string;
  needs_assessment: string;
  person_wishes: string;
  goals: GoalValues[];
}

const MAX_GOALS = 30;
const PREFIX = 'projet';

interface Props {
  personId: number;
  /** The draft to change; absent: a new draft. */
  plan?: SupportPlan;
  /** A new draft taking up this plan's content (the current validated one). */
  from?: SupportPlan;
  /** The establishments where a new draft may be opened (the first one chosen). */
  establishments: Establishment[];
  onDone: (message: string) => void;
  onCancel: () => void;
}

function valuesOf(plan: SupportPlan | undefined, establishmentId: number | undefined, next: () => number): Values {
  return {
    establishment_id: establishmentId ? String(establishmentId) : '',
    needs_assessment: plan?.needs_assessment ?? '',
    person_wishes: plan?.person_wishes ?? '',
    goals: (plan?.goals ?? []).map((g) => ({
      key: next(),
      domain: g.domain,
      description: g.description,
      expected_outcome: g.expected_outcome,
      target_date: g.target_date ?? '',
      actions: g.actions.map((a) => ({ key: next(), description: a.description, who: a.who, frequency: a.frequency })),
    })),
  };
}

const emptyAction = (key: number): ActionValues => ({ key, description: '', who: '', frequency: '' });
const blankAction = (a: ActionValues) => !a.description.trim() && !a.who.trim() && !a.frequency.trim();

/** The paths of the form, in the order of the page. */
function order(v: Values, creating: boolean): string[] {
  const paths = creating ? ['establishment_id'] : [];
  paths.push('needs_assessment', 'person_wishes', 'goals');
  v.goals.forEach((g, i) => {
    paths.push(`goals/${i}/domain`, `goals/${i}/description`, `goals/${i}/expected_outcome`, `goals/${i}/target_date`);
    g.actions.forEach((_, j) =>
      paths.push(`goals/${i}/actions/${j}/description`, `goals/${i}/actions/${j}/who`, `goals/${i}/actions/${j}/frequency`),
    );
  });
  return paths;
}

function check(v: Values, creating: boolean): PathErrors {
  const e: PathErrors = {};
  if (creating && !v.establishment_id) e.establishment_id = "Choisissez l'établissement du projet.";
  if (!v.needs_assessment.trim()) e.needs_assessment = "Décrivez l'évaluation des besoins.";
  if (v.goals.length === 0) e.goals = 'Ajoutez au moins un objectif.';
  v.goals.forEach((g, i) => {
    if (!g.domain) e[`goals/${i}/domain`] = 'Choisissez le domaine.';
    if (!g.description.trim()) e[`goals/${i}/description`] = "Décrivez l'objectif.";
    if (!g.expected_outcome.trim()) e[`goals/${i}/expected_outcome`] = 'Décrivez le résultat attendu.';
    if (g.target_date && !isIsoDate(g.target_date)) e[`goals/${i}/target_date`] = 'Saisissez une date valide.';
    g.actions.forEach((a, j) => {
      if (blankAction(a)) return;
      const at = `goals/${i}/actions/${j}`;
      if (!a.description.trim()) e[`${at}/description`] = "Décrivez l'action.";
      if (!a.who.trim()) e[`${at}/who`] = 'Dites qui la mène.';
      if (!a.frequency.trim()) e[`${at}/frequency`] = 'Dites à quelle fréquence.';
    });
  });
  return e;
}

function input(v: Values): PlanContentInput {
  return {
    needs_assessment: v.needs_assessment.trim(),
    ...(v.person_wishes.trim() ? { person_wishes: v.person_wishes.trim() } : {}),
    goals: v.goals.map((g) => ({
      domain: g.domain as GoalDomain,
      description: g.description.trim(),
      expected_outcome: g.expected_outcome.trim(),
      ...(g.target_date ? { target_date: g.target_date } : {}),
      actions: g.actions
        .filter((a) => !blankAction(a))
        .map((a) => ({ description: a.description.trim(), who: a.who.trim(), frequency: a.frequency.trim() })),
    })),
  };
}

export function PlanForm({ personId, plan, from, establishments, onDone, onCancel }: Props) {
  const counter = useRef(0);
  const next = () => ++counter.current;
  const creating = plan === undefined;
  const [values, setValues] = useState<Values>(() =>
    valuesOf(plan ?? from, plan?.establishment_id ?? from?.establishment_id ?? establishments[0]?.id, next),
  );
  const form = usePathForm(PREFIX);
  const { errors, id } = form;

  const setField = (field: 'establishment_id' | 'needs_assessment' | 'person_wishes') => (value: string) =>
    setValues((v) => ({ ...v, [field]: value }));
  const setGoal = (i: number, change: Partial<GoalValues>) =>
    setValues((v) => ({ ...v, goals: v.goals.map((g, k) => (k === i ? { ...g, ...change } : g)) }));
  const setAction = (i: number, j: number, change: Partial<ActionValues>) =>
    setValues((v) => ({
      ...v,
      goals: v.goals.map((g, k) =>
        k === i ? { ...g, actions: g.actions.map((a, l) => (l === j ? { ...a, ...change } : a)) } : g,
      ),
    }));
  // Errors are tied to positions: a removal would move them onto other goals, so they are cleared.
  function addGoal() {
    const index = values.goals.length;
    setValues((v) => ({
      ...v,
      goals: [...v.goals, { key: next(), domain: '', description: '', expected_outcome: '', target_date: '', actions: [emptyAction(next())] }],
    }));
    focusField(id(`goals/${index}/domain`));
  }
  function removeGoal(i: number) {
    form.setErrors({});
    setValues((v) => ({ ...v, goals: v.goals.filter((_, k) => k !== i) }));
    focusField(values.goals.length > 1 ? id(`goals/${Math.max(0, i - 1)}/domain`) : 'projet-ajouter-objectif');
  }
  function addAction(i: number) {
    const j = values.goals[i]?.actions.length ?? 0;
    setGoal(i, { actions: [...(values.goals[i]?.actions ?? []), emptyAction(next())] });
    focusField(id(`goals/${i}/actions/${j}/description`));
  }
  function removeAction(i: number, j: number) {
    form.setErrors({});
    setGoal(i, { actions: (values.goals[i]?.actions ?? []).filter((_, l) => l !== j) });
    focusField(`projet-ajouter-action-${i}`);
  }

  const title = creating ? (from ? 'Nouvelle version du projet personnalisé' : 'Écrire un projet personnalisé') : `Modifier le brouillon (version ${plan.version})`;
  return (
    <section class="panel plan-form" aria-labelledby="projet-form-titre" data-testid="plan-form">
      <h3 id="projet-form-titre" class="panel__title">
        {title}
      </h3>
      <p class="muted">
        Le projet s'écrit avec la personne et sa famille. Rédigez simplement : il sera remis à la personne.
      </p>
      <FormAlert message={form.alert} testId="plan-form-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="projet-form-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            order: order(values, creating),
            check: () => check(values, creating),
            send: () =>
              creating
                ? createPlan(personId, { ...input(values), establishment_id: Number(values.establishment_id) })
                : updatePlan(personId, plan.id, input(values)),
            done: (saved) =>
              onDone(
                creating
                  ? `Le brouillon du projet personnalisé (version ${saved.version}) a été enregistré.`
                  : `Le brouillon du projet personnalisé (version ${saved.version}) a été modifié.`,
              ),
            failure: "Le projet n'a pas été enregistré.",
          });
        }}
      >
        {creating && (
          <SelectField
            id={id('establishment_id')}
            label="Établissement"
            options={establishments.map((e) => ({ value: String(e.id), label: e.name }))}
            value={values.establishment_id}
            onValue={setField('establishment_id')}
            error={errors.establishment_id}
            emptyLabel={establishments.length > 1 ? 'Choisir…' : undefined}
          />
        )}
        <TextAreaField
          id={id('needs_assessment')}
          label="Évaluation des besoins"
          hint="Ce qui ressort des observations, des bilans et des échanges avec la personne et ses proches."
          value={values.needs_assessment}
          onValue={setField('needs_assessment')}
          error={errors.needs_assessment}
          rows={5}
        />
        <TextAreaField
          id={id('person_wishes')}
          label="Attentes de la personne"
          hint="Ce que la personne (ou son représentant légal) souhaite, dans ses mots."
          required={false}
          value={values.person_wishes}
          onValue={setField('person_wishes')}
          error={errors.person_wishes}
          rows={3}
        />
        <h4 class="plan-form__subtitle" id={id('goals')} tabIndex={-1}>
          Objectifs
        </h4>
        {errors.goals && (
          <p class="field__error">
            <span class="visually-hidden">Erreur : </span>
            {errors.goals}
          </p>
        )}
        {values.goals.map((g, i) => (
          <fieldset class="fieldset plan-goal" key={g.key} data-testid="plan-goal">
            <legend class="fieldset__legend">Objectif {i + 1}</legend>
            <div class="form-grid">
              <SelectField
                id={id(`goals/${i}/domain`)}
                label="Domaine"
                emptyLabel="Choisir…"
                options={optionsOf(GOAL_DOMAINS)}
                value={g.domain}
                onValue={(domain) => setGoal(i, { domain })}
                error={errors[`goals/${i}/domain`]}
              />
              <TextField
                id={id(`goals/${i}/target_date`)}
                label="Échéance visée"
                type="date"
                required={false}
                value={g.target_date}
                onValue={(target_date) => setGoal(i, { target_date })}
                error={errors[`goals/${i}/target_date`]}
              />
            </div>
            <TextAreaField
              id={id(`goals/${i}/description`)}
              label="Objectif"
              value={g.description}
              onValue={(description) => setGoal(i, { description })}
              error={errors[`goals/${i}/description`]}
              rows={2}
            />
            <TextAreaField
              id={id(`goals/${i}/expected_outcome`)}
              label="Résultat attendu"
              value={g.expected_outcome}
              onValue={(expected_outcome) => setGoal(i, { expected_outcome })}
              error={errors[`goals/${i}/expected_outcome`]}
              rows={2}
            />
            {g.actions.map((a, j) => (
              <fieldset class="fieldset plan-action" key={a.key}>
                <legend class="fieldset__legend">
                  Action {j + 1} de l'objectif {i + 1}
                </legend>
                <TextField
                  id={id(`goals/${i}/actions/${j}/description`)}
                  label="Action"
                  value={a.description}
                  onValue={(description) => setAction(i, j, { description })}
                  error={errors[`goals/${i}/actions/${j}/description`]}
                />
                <div class="form-grid">
                  <TextField
                    id={id(`goals/${i}/actions/${j}/who`)}
                    label="Qui"
                    hint="Professionnel, proche, partenaire…"
                    value={a.who}
                    onValue={(who) => setAction(i, j, { who })}
                    error={errors[`goals/${i}/actions/${j}/who`]}
                  />
                  <TextField
                    id={id(`goals/${i}/actions/${j}/frequency`)}
                    label="Fréquence"
                    hint="Chaque jour, une fois par semaine…"
                    value={a.frequency}
                    onValue={(frequency) => setAction(i, j, { frequency })}
                    error={errors[`goals/${i}/actions/${j}/frequency`]}
                  />
                </div>
                <button
                  type="button"
                  class="button button--secondary button--small"
                  onClick={() => removeAction(i, j)}
                >
                  Retirer l'action {j + 1} de l'objectif {i + 1}
                </button>
              </fieldset>
            ))}
            <div class="row-actions">
              <button
                type="button"
                id={`projet-ajouter-action-${i}`}
                class="button button--secondary button--small"
                onClick={() => addAction(i)}
              >
                Ajouter une action à l'objectif {i + 1}
              </button>
              <button type="button" class="button button--danger-outline button--small" onClick={() => removeGoal(i)}>
                Retirer l'objectif {i + 1}
              </button>
            </div>
          </fieldset>
        ))}
        <p>
          <button
            type="button"
            id="projet-ajouter-objectif"
            class="button button--secondary"
            onClick={addGoal}
            disabled={values.goals.length >= MAX_GOALS}
          >
            Ajouter un objectif
          </button>
        </p>
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Enregistrement…' : 'Enregistrer le brouillon'}
          </button>
          <button type="button" class="button button--secondary" onClick={onCancel} disabled={form.busy}>
            Annuler
          </button>
        </div>
      </form>
    </section>
  );
}
