// A professional's record: identity, contracts on a timeline (five years back), absences (their kind only,
// never a medical reason), and the forms to add a contract or an absence.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { addAbsence, addContract, deleteAbsence, getStaff, type StaffMember, type StaffReference } from '../../api/staff';
import { fieldMessages, problemMessage, type FieldMessages } from '../../api/problems';
import type { RouteProps } from '../../app/routes';
import { FormAlert } from '../../ui/FormAlert';
import { PageTitle } from '../../ui/PageTitle';
import { SelectField, type SelectOption } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { establishmentName, establishmentOptions, useEstablishments } from '../persons/useEstablishments';
import { ContractFields, EMPTY_CONTRACT, type ContractValues } from './ContractFields';
import { contractInput } from './contractInput';
import { frenchDate, percent, period } from './format';
import { useStaffReference } from './useStaffReference';
import './staff.css';

const DAY = 86400e3;

function Timeline({ member, names }: { member: StaffMember; names: (id: number) => string }) {
  const end = Date.now();
  const start = end - 5 * 365 * DAY;
  const position = (iso: string | null) => Math.min(100, Math.max(0, (((iso ? Date.parse(iso) : end) - start) / (end - start)) * 100));
  return (
    <ol class="staff-timeline" data-testid="staff-contracts">
      {member.contracts.map((c) => {
        const left = position(c.start_date);
        const right = position(c.end_date);
        return (
          <li key={c.id}>
            <p>
              <strong>{c.kind_label}</strong>
              {c.fixed_term_reason ? ` (${c.fixed_term_reason === 'replacement' ? 'remplacement' : c.fixed_term_reason === 'seasonal' ? 'saisonnier' : 'accroissement temporaire'})` : ''} —{' '}
              {c.job_label}, {percent(c.working_time)} — {names(c.establishment_id)} — {period(c)}
            </p>
            <div class="staff-timeline__bar" aria-hidden="true">
              <span
                class={`staff-timeline__span${c.permanent ? '' : ' staff-timeline__span--fixed'}`}
                style={{ left: `${left}%`, width: `${Math.max(0.5, right - left)}%` }}
              />
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function ContractForm({ member, reference, options, done }: { member: StaffMember; reference: StaffReference; options: SelectOption[]; done: () => void }) {
  const [values, setValues] = useState<ContractValues>({ ...EMPTY_CONTRACT, establishment_id: options.length === 1 ? (options[0]?.value ?? '') : '' });
  const [errors, setErrors] = useState<FieldMessages>({});
  const [alert, setAlert] = useState<string | null>(null);
  async function submit(event: Event) {
    event.preventDefault();
    try {
      await addContract(member.id, { ...contractInput(values), job: member.job });
      setValues(EMPTY_CONTRACT);
      setErrors({});
      setAlert(null);
      done();
    } catch (e) {
      setErrors(fieldMessages(e));
      setAlert(`Le contrat n'a pas été ajouté. ${problemMessage(e)}`);
    }
  }
  return (
    <form class="staff-form" onSubmit={(e) => void submit(e)} data-testid="contract-form" noValidate>
      <h3>Ajouter un contrat</h3>
      <FormAlert message={alert} />
      <ContractFields idPrefix="nouveau-contrat" values={values} onChange={setValues} reference={reference} establishments={options} errors={errors} />
      <button type="submit" class="button">
        Ajouter le contrat
      </button>
    </form>
  );
}

function AbsenceForm({ member, reference, done }: { member: StaffMember; reference: StaffReference; done: () => void }) {
  const empty = { kind: '', start_date: '', end_date: '', start_half_day: false, end_half_day: false };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [alert, setAlert] = useState<string | null>(null);
  async function submit(event: Event) {
    event.preventDefault();
    try {
      await addAbsence(member.id, values);
      setValues(empty);
      setErrors({});
      setAlert(null);
      done();
    } catch (e) {
      setErrors(fieldMessages(e));
      setAlert(`L'absence n'a pas été enregistrée. ${problemMessage(e)}`);
    }
  }
  return (
    <form class="staff-form" onSubmit={(e) => void submit(e)} data-testid="absence-form" noValidate>
      <h3>Enregistrer une absence</h3>
      <p class="field__hint">Seul le type d'absence est enregistré, jamais le motif médical.</p>
      <FormAlert message={alert} />
      <SelectField
        id="absence-type"
        label="Type d'absence"
        value={values.kind}
        onValue={(kind) => setValues({ ...values, kind })}
        options={reference.absence_kinds.map((k) => ({ value: k.code, label: k.label }))}
        emptyLabel="Choisir…"
        error={errors.kind}
      />
      <TextField id="absence-debut" label="Premier jour" type="date" value={values.start_date} onValue={(start_date) => setValues({ ...values, start_date })} error={errors.start_date} />
      <TextField id="absence-fin" label="Dernier jour" type="date" value={values.end_date} onValue={(end_date) => setValues({ ...values, end_date })} error={errors.end_date} />
      <p class="field">
        <label>
          <input type="checkbox" checked={values.start_half_day} onChange={(e) => setValues({ ...values, start_half_day: e.currentTarget.checked })} /> Commence à midi
        </label>{' '}
        <label>
          <input type="checkbox" checked={values.end_half_day} onChange={(e) => setValues({ ...values, end_half_day: e.currentTarget.checked })} /> Se termine à midi
        </label>
      </p>
      <button type="submit" class="button">
        Enregistrer l'absence
      </button>
    </form>
  );
}

/** The record; `editable` adds the forms (staff managers), else read-only (a professional's own record). */
export function StaffRecord({ load, editable }: { load: (signal: AbortSignal) => Promise<StaffMember>; editable: boolean }) {
  const reference = useStaffReference();
  const establishments = useEstablishments();
  const [member, setMember] = useState<StaffMember | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(setMember, (e: unknown) => !controller.signal.aborted && setError(problemMessage(e)));
    return () => controller.abort();
  }, [load, version]);
  const list = establishments.kind === 'ready' ? establishments.establishments : [];
  const names = (establishment: number) => establishmentName(list, establishment);
  const reload = () => setVersion(version + 1);
  return (
    <>
      {error && (
        <p class="alert alert--error" role="alert">
          {error}
        </p>
      )}
      {!member && !error && <p class="loading">Chargement…</p>}
      {member && (
        <>
          <PageTitle>{`${member.last_name.toUpperCase()} ${member.first_name}`}</PageTitle>
          <p class="lead">
            {member.job_label}
            {member.birth_date ? ` — né(e) le ${frenchDate(member.birth_date)}` : ''}
          </p>
          <section aria-labelledby="contrats">
            <h2 id="contrats">Contrats</h2>
            {member.contracts.length === 0 ? <p>Aucun contrat.</p> : <Timeline member={member} names={names} />}
            {editable && reference && <ContractForm member={member} reference={reference} options={establishmentOptions(list, null)} done={reload} />}
          </section>
          <section aria-labelledby="absences">
            <h2 id="absences">Absences</h2>
            {(member.absences ?? []).length === 0 ? (
              <p>Aucune absence enregistrée.</p>
            ) : (
              <div class="table-wrap">
                <table class="table" data-testid="staff-absences">
                  <caption class="visually-hidden">Absences</caption>
                  <thead>
                    <tr>
                      <th scope="col">Type</th>
                      <th scope="col">Du</th>
                      <th scope="col">Au</th>
                      <th scope="col">Jours</th>
                      {editable && (
                        <th scope="col">
                          <span class="visually-hidden">Actions</span>
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {(member.absences ?? []).map((a) => (
                      <tr key={a.id}>
                        <td>{a.kind_label}</td>
                        <td>
                          {frenchDate(a.start_date)}
                          {a.start_half_day ? ' (après-midi)' : ''}
                        </td>
                        <td>
                          {frenchDate(a.end_date)}
                          {a.end_half_day ? ' (matin)' : ''}
                        </td>
                        <td>{String(a.calendar_days).replace('.', ',')}</td>
                        {editable && (
                          <td>
                            <button type="button" class="button button--secondary button--small" onClick={() => void deleteAbsence(member.id, a.id).then(reload, (e: unknown) => setError(problemMessage(e)))}>
                              Supprimer<span class="visually-hidden"> l'absence du {frenchDate(a.start_date)}</span>
                            </button>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {editable && reference && <AbsenceForm member={member} reference={reference} done={reload} />}
          </section>
        </>
      )}
    </>
  );
}

export function StaffDetailPage({ params }: RouteProps) {
  const id = Number(params.id);
  const load = useCallback((signal: AbortSignal) => getStaff(id, signal), [id]);
  return (
    <article class="page">
      <p class="breadcrumb">
        <a href="/personnel">Personnel</a>
      </p>
      <StaffRecord load={load} editable />
    </article>
  );
}
