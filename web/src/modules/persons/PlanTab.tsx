// « Projet personnalisé »: the versions of the person's support plan (draft, validated, archived, with the
// review due and its delay), the version chosen shown in full; writing or changing a draft, its signatures,
// its validation (heads of service and directors), the reviews of a validated plan, and its PDF.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { downloadPlanPdf, fetchPlans, validatePlan, type SupportPlan } from '../../api/plans';
import { problemMessage } from '../../api/problems';
import { useSession } from '../../app/SessionContext';
import { focusField } from '../../ui/focusField';
import { FormAlert } from '../../ui/FormAlert';
import { TextField } from '../../ui/TextField';
import { formatDate, frenchDates, isIsoDate } from '../establishments/format';
import { PlanStatusBadge, ReviewBadge } from './PlanBadges';
import { PlanForm } from './PlanForm';
import { PlanReviewForm } from './PlanReviewForm';
import { PlanSignatureForm } from './PlanSignatureForm';
import { PlanView } from './PlanView';
import { canValidatePlan, canWriteTeamRecord, establishmentsFor } from './recordAccess';
import type { TabProps } from './tabProps';
import { establishmentName } from './useEstablishments';

type State = { kind: 'loading' } | { kind: 'ready'; plans: SupportPlan[] } | { kind: 'error'; message: string };
type Editing = { kind: 'new'; from?: SupportPlan } | { kind: 'edit'; plan: SupportPlan } | { kind: 'review'; plan: SupportPlan } | null;

/** The version shown first: the draft being written, else the validated one, else the newest. */
function preferred(plans: SupportPlan[]): SupportPlan | undefined {
  return plans.find((p) => p.status === 'draft') ?? plans.find((p) => p.status === 'validated') ?? plans[0];
}

function ValidateForm({ personId, plan, onDone }: { personId: number; plan: SupportPlan; onDone: (m: string) => void }) {
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  async function validate() {
    setAlert(null);
    setError(undefined);
    if (due && !isIsoDate(due)) {
      setError('Saisissez une date valide, ou laissez vide (un an après la validation).');
      focusField('validation-revision');
      return;
    }
    setBusy(true);
    try {
      const saved = await validatePlan(personId, plan.id, due || undefined);
      onDone(`Le projet personnalisé (version ${saved.version}) est validé ; révision prévue le ${formatDate(saved.review_due)}.`);
    } catch (e) {
      const fieldError = e instanceof ApiError ? e.errors.find((x) => x.field === 'review_due') : undefined;
      if (fieldError) {
        setError(frenchDates(fieldError.message));
        focusField('validation-revision');
      }
      const missing = e instanceof ApiError ? e.errors.filter((x) => x.field === 'plan').map((x) => x.message) : [];
      setAlert(['Le projet n\'a pas été validé.', frenchDates(problemMessage(e)), ...missing.map((m) => `${m}.`)].join(' '));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="panel" aria-labelledby="validation-titre" data-testid="validate-form">
      <h4 id="validation-titre" class="panel__title">
        Validation
      </h4>
      <FormAlert message={alert} testId="validate-form-alert" />
      <TextField
        id="validation-revision"
        label="Date de la prochaine révision"
        hint="Au plus un an après la validation ; laissez vide pour un an."
        type="date"
        required={false}
        value={due}
        onValue={setDue}
        error={error}
      />
      <div class="form__actions">
        <button type="button" class="button" onClick={() => void validate()} disabled={busy}>
          {busy ? 'Validation…' : 'Valider'}
        </button>
      </div>
    </section>
  );
}

export function PlanTab({ person, establishments, onChanged }: TabProps) {
  const { session } = useSession();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [printing, setPrinting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // Read again each time the record is read again (after a change).
  useEffect(() => {
    const controller = new AbortController();
    fetchPlans(person.id, controller.signal).then(
      (plans) => setState({ kind: 'ready', plans }),
      (error: unknown) => !controller.signal.aborted && setState({ kind: 'error', message: problemMessage(error) }),
    );
    return () => controller.abort();
  }, [person]);

  const open = person.merged_into === null;
  const plans = state.kind === 'ready' ? state.plans : [];
  const plan = plans.find((p) => p.id === selected) ?? preferred(plans);
  const writable = establishmentsFor(session, 'team');
  const linked = new Set([person.registered_establishment_id, ...person.stays.map((s) => s.establishment_id)]);
  // A new draft: in an establishment of the person where the account writes, and where no draft is open.
  const drafting = new Set(plans.filter((p) => p.status === 'draft').map((p) => p.establishment_id));
  const choices = establishments.filter(
    (e) => (writable === null || writable.has(e.id)) && linked.has(e.id) && !drafting.has(e.id),
  );
  const canWritePlan = (p: SupportPlan) => open && canWriteTeamRecord(session, p.establishment_id);

  function finished(message: string) {
    setEditing(null);
    setFailure(null);
    void onChanged(message);
  }

  async function print(p: SupportPlan) {
    setPrinting(true);
    setFailure(null);
    try {
      const file = await downloadPlanPdf(person.id, p.id);
      await onChanged(`Le projet personnalisé (version ${p.version}) a été téléchargé : ${file.name}.`);
    } catch (error) {
      setFailure(`Le PDF n'a pas pu être produit. ${problemMessage(error)}`);
    } finally {
      setPrinting(false);
    }
  }

  const current = plans.find((p) => p.status === 'validated' && choices.some((e) => e.id === p.establishment_id));
  return (
    <>
      <h2 class="tab-title">Projet personnalisé</h2>
      <div aria-live="polite" class="results-status">
        {state.kind === 'loading' && <p class="loading">Chargement des projets…</p>}
        {state.kind === 'error' && (
          <p class="alert alert--error" role="alert">
            Impossible d'afficher les projets personnalisés. {state.message}
          </p>
        )}
      </div>
      {state.kind === 'ready' && plans.length === 0 && (
        <p class="notice">Aucun projet personnalisé n'est encore écrit pour cette personne.</p>
      )}
      {plans.length > 0 && (
        <div class="table-wrap" role="region" aria-labelledby="projets-legende" tabIndex={0}>
          <table class="table" data-testid="plans-table">
            <caption id="projets-legende">Versions du projet personnalisé, de la plus récente à la plus ancienne</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Établissement</th>
                <th scope="col">État</th>
                <th scope="col">Révision prévue</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id} data-plan-id={p.id} aria-current={p.id === plan?.id ? 'true' : undefined}>
                  <th scope="row">Version {p.version}</th>
                  <td>{establishmentName(establishments, p.establishment_id)}</td>
                  <td>
                    <PlanStatusBadge status={p.status} />
                  </td>
                  <td class="nowrap">
                    {p.review_due ? formatDate(p.review_due) : '—'}
                    {p.status === 'validated' && <ReviewBadge state={p.review_state} />}
                  </td>
                  <td>
                    {p.id === plan?.id ? (
                      <span class="muted">Affichée</span>
                    ) : (
                      <button
                        type="button"
                        class="button button--secondary button--small"
                        onClick={() => {
                          setSelected(p.id);
                          setEditing(null);
                        }}
                      >
                        Afficher la version {p.version}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <FormAlert message={failure} testId="plan-alert" />
      {editing?.kind === 'new' && (
        <PlanForm
          personId={person.id}
          from={editing.from}
          establishments={choices}
          onDone={finished}
          onCancel={() => setEditing(null)}
        />
      )}
      {!editing && state.kind === 'ready' && open && choices.length > 0 && (
        <div class="row-actions plan-actions-bar">
          <button
            type="button"
            class="button"
            onClick={() => {
              setEditing({ kind: 'new' });
              focusField('projet-needs_assessment');
            }}
          >
            {plans.length === 0 ? 'Écrire un projet personnalisé' : 'Écrire une nouvelle version vierge'}
          </button>
          {current && (
            <button
              type="button"
              class="button button--secondary"
              onClick={() => {
                setEditing({ kind: 'new', from: current });
                focusField('projet-needs_assessment');
              }}
            >
              Nouvelle version à partir du projet validé
            </button>
          )}
        </div>
      )}
      {plan && editing?.kind !== 'new' && (
        <section class="plan-detail" aria-labelledby="projet-detail-titre">
          <h3 id="projet-detail-titre" class="section-subtitle">
            Projet personnalisé — version {plan.version}
          </h3>
          <div class="row-actions">
            <button type="button" class="button button--secondary" onClick={() => void print(plan)} disabled={printing}>
              {printing ? 'Préparation du PDF…' : 'Imprimer (PDF)'}
            </button>
            {plan.status === 'draft' && plan.signatures.length === 0 && canWritePlan(plan) && editing?.kind !== 'edit' && (
              <button
                type="button"
                class="button button--secondary"
                onClick={() => {
                  setEditing({ kind: 'edit', plan });
                  focusField('projet-needs_assessment');
                }}
              >
                Modifier le brouillon
              </button>
            )}
            {plan.status === 'validated' && canWritePlan(plan) && editing?.kind !== 'review' && (
              <button
                type="button"
                class="button button--secondary"
                onClick={() => {
                  setEditing({ kind: 'review', plan });
                  focusField('bilan-review_date');
                }}
              >
                Faire le bilan
              </button>
            )}
          </div>
          {editing?.kind === 'edit' ? (
            <PlanForm
              key={editing.plan.id}
              personId={person.id}
              plan={editing.plan}
              establishments={establishments}
              onDone={finished}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <PlanView plan={plan} establishments={establishments} />
          )}
          {plan.status === 'draft' && plan.signatures.length > 0 && (
            <p class="muted">Le projet est signé : son contenu ne se modifie plus avant la validation.</p>
          )}
          {plan.status === 'draft' && canWritePlan(plan) && editing?.kind !== 'edit' && (
            <PlanSignatureForm key={`${plan.id}-${plan.signatures.length}`} personId={person.id} plan={plan} onDone={finished} />
          )}
          {plan.status === 'draft' &&
            open &&
            editing?.kind !== 'edit' &&
            (canValidatePlan(session, plan.establishment_id) ? (
              <ValidateForm personId={person.id} plan={plan} onDone={finished} />
            ) : (
              <p class="notice">La validation du projet revient au chef de service ou à la direction.</p>
            ))}
          {editing?.kind === 'review' && (
            <PlanReviewForm personId={person.id} plan={editing.plan} onDone={finished} onCancel={() => setEditing(null)} />
          )}
        </section>
      )}
    </>
  );
}
