// Making or changing an appointment. A conflict (409: the same person or a professional already has a planned
// appointment at that time) is shown with the appointments it meets, and « Confirmer malgré le conflit » sends
// the same request again with confirm_conflict. A medical appointment is the care team's: other roles see it
// read-only, its content hidden by the server.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  cancelAppointment,
  conflictsOf,
  createAppointment,
  fetchProfessionals,
  updateAppointment,
  type Appointment,
  type AppointmentChange,
  type AppointmentKind,
  type AppointmentPerson,
  type AppointmentStatus,
  type ConflictingAppointment,
  type ProfessionalChoice,
} from '../../api/appointments';
import type { Establishment } from '../../api/establishments';
import { fieldMessages, problemMessage, type FieldMessages } from '../../api/problems';
import type { Session } from '../../api/session';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { timeRange } from './agendaDates';
import { canMakeMedical, canWriteIn, KINDS, personName, STATUSES } from './labels';
import { PersonPicker } from './PersonPicker';

interface Props {
  session: Session;
  establishments: Establishment[];
  /** The appointment opened; null: a new one. */
  appointment: Appointment | null;
  defaultDay: string;
  defaultEstablishmentId: number | null;
  /** A new appointment for this person (the agenda is filtered on them). */
  defaultPerson?: AppointmentPerson | null;
  onSaved: (a: Appointment, message: string) => void;
  onClose: () => void;
}

const DESCRIBED_ERRORS = ['establishment_id', 'starts_at', 'ends_at', 'kind', 'title', 'person_id', 'professional_ids', 'place', 'comment', 'status'];

export function AppointmentForm(props: Props) {
  const { session, establishments, appointment, defaultDay, defaultEstablishmentId, onSaved, onClose } = props;
  const a = appointment;
  const writable = establishments.filter((e) => canWriteIn(session, e.id, false));
  const [establishmentId, setEstablishmentId] = useState<number>(
    a?.establishment_id ?? (writable.some((e) => e.id === defaultEstablishmentId) ? (defaultEstablishmentId as number) : (writable[0]?.id ?? 0)),
  );
  const [startDay, setStartDay] = useState(a ? a.starts_at.slice(0, 10) : defaultDay);
  const [startTime, setStartTime] = useState(a ? a.starts_at.slice(11, 16) : '10:00');
  const [endDay, setEndDay] = useState(a ? a.ends_at.slice(0, 10) : defaultDay);
  const [endTime, setEndTime] = useState(a ? a.ends_at.slice(11, 16) : '11:00');
  const [kind, setKind] = useState<AppointmentKind>(a?.kind ?? 'other');
  const [title, setTitle] = useState(a?.title ?? '');
  const [person, setPerson] = useState<AppointmentPerson | null>(a ? a.person : (props.defaultPerson ?? null));
  const [professionalIds, setProfessionalIds] = useState<number[]>(a ? a.professionals.map((p) => p.id) : []);
  const [place, setPlace] = useState(a?.place ?? '');
  const [comment, setComment] = useState(a?.comment ?? '');
  const [status, setStatus] = useState<AppointmentStatus>(a?.status ?? 'planned');
  const [reason, setReason] = useState('');
  const [professionals, setProfessionals] = useState<ProfessionalChoice[] | null>(null);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<ConflictingAppointment[] | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const warning = useRef<HTMLElement>(null);

  const readOnly = !!a && (a.status === 'cancelled' || !canWriteIn(session, a.establishment_id, a.kind === 'medical'));
  const kinds = canMakeMedical(session) || a?.kind === 'medical' ? KINDS : KINDS.filter((k) => k.value !== 'medical');

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (conflicts) warning.current?.focus();
  }, [conflicts]);
  useEffect(() => {
    if (!establishmentId) return;
    const controller = new AbortController();
    fetchProfessionals(establishmentId, controller.signal).then(
      (page) => setProfessionals(page.items),
      () => {
        if (!controller.signal.aborted) setProfessionals([]);
      },
    );
    return () => controller.abort();
  }, [establishmentId]);

  // The professionals offered: those of the establishment, and those already in the appointment.
  const choices: { id: number; display_name: string }[] = [...(professionals ?? [])];
  for (const p of a?.professionals ?? []) if (!choices.some((c) => c.id === p.id)) choices.push(p);

  function values() {
    return {
      establishment_id: establishmentId,
      starts_at: `${startDay}T${startTime}`,
      ends_at: `${endDay}T${endTime}`,
      kind,
      title: title.trim(),
      person_id: person?.id ?? null,
      professional_ids: professionalIds,
      place: place.trim() || null,
      comment: comment.trim() || null,
    };
  }

  /** For a change, only what differs from the appointment opened. */
  function changes(confirm: boolean): AppointmentChange {
    const v = values();
    const out: AppointmentChange = {};
    const current = a as Appointment;
    if (v.establishment_id !== current.establishment_id) out.establishment_id = v.establishment_id;
    if (v.starts_at !== current.starts_at) out.starts_at = v.starts_at;
    if (v.ends_at !== current.ends_at) out.ends_at = v.ends_at;
    if (v.kind !== current.kind) out.kind = v.kind;
    if (v.title !== current.title) out.title = v.title;
    if (v.person_id !== current.person_id) out.person_id = v.person_id;
    const before = current.professionals.map((p) => p.id).sort().join(',');
    if ([...v.professional_ids].sort().join(',') !== before) out.professional_ids = v.professional_ids;
    if (v.place !== current.place) out.place = v.place;
    if (v.comment !== current.comment) out.comment = v.comment;
    if (status !== current.status) out.status = status;
    if (confirm) out.confirm_conflict = true;
    return out;
  }

  async function save(confirm: boolean) {
    setBusy(true);
    setAlert(null);
    setErrors({});
    try {
      const saved = a
        ? await updateAppointment(a.id, changes(confirm))
        : await createAppointment({ ...values(), ...(confirm ? { confirm_conflict: true } : {}) });
      setConflicts(null);
      onSaved(saved, a ? 'Le rendez-vous est modifié.' : 'Le rendez-vous est enregistré.');
    } catch (error) {
      const found = conflictsOf(error);
      if (found) {
        setConflicts(found);
      } else {
        setConflicts(null);
        const messages = fieldMessages(error);
        for (const field of Object.keys(messages))
          if (field.startsWith('professional_ids/') && !messages.professional_ids) messages.professional_ids = messages[field] as string;
        setErrors(messages);
        const unplaced = Object.keys(messages).filter((f) => !DESCRIBED_ERRORS.includes(f) && !f.startsWith('professional_ids/'));
        setAlert(unplaced.length > 0 || Object.keys(messages).length === 0 ? problemMessage(error) : 'Vérifiez les champs signalés.');
      }
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    if (!a) return;
    setBusy(true);
    setAlert(null);
    try {
      onSaved(await cancelAppointment(a.id, reason.trim() || null), 'Le rendez-vous est annulé : le créneau est libéré.');
    } catch (error) {
      setAlert(problemMessage(error));
    } finally {
      setBusy(false);
    }
  }

  const sharedLabel = (shared: string) => {
    if (shared === 'person') return 'même personne accompagnée';
    const id = Number(shared.split(':')[1]);
    return `même professionnel : ${choices.find((c) => c.id === id)?.display_name ?? 'un professionnel'}`;
  };

  const title_ = a ? (readOnly ? 'Rendez-vous' : 'Modifier le rendez-vous') : 'Nouveau rendez-vous';

  return (
    <section class="panel agenda-form" aria-labelledby="rdv-form-titre" data-testid="rdv-formulaire">
      <h2 id="rdv-form-titre" class="panel__title" tabIndex={-1} ref={heading}>
        {title_}
      </h2>
      {a?.masked && (
        <p class="notice">Rendez-vous médical : son objet, son lieu et son commentaire sont réservés à l'équipe soignante.</p>
      )}
      {a?.status === 'cancelled' && (
        <p class="notice">
          Rendez-vous annulé{a.cancel_reason ? ` (motif : ${a.cancel_reason})` : ''}.
        </p>
      )}
      {readOnly && a ? (
        <dl class="facts">
          <dt>Horaire</dt>
          <dd>
            {a.starts_at.slice(0, 10).split('-').reverse().join('/')} {timeRange(a.starts_at, a.ends_at)}
          </dd>
          <dt>Type</dt>
          <dd>{a.kind_label}</dd>
          <dt>Objet</dt>
          <dd>{a.title}</dd>
          {a.person && (
            <>
              <dt>Personne</dt>
              <dd>{personName(a.person)}</dd>
            </>
          )}
          <dt>Professionnels</dt>
          <dd>{a.professionals.map((p) => p.display_name).join(', ') || '—'}</dd>
          {a.place && (
            <>
              <dt>Lieu</dt>
              <dd>{a.place}</dd>
            </>
          )}
          {a.comment && (
            <>
              <dt>Commentaire</dt>
              <dd>{a.comment}</dd>
            </>
          )}
          <dt>Statut</dt>
          <dd>{a.status_label}</dd>
        </dl>
      ) : (
        <form
          class="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save(false);
          }}
        >
          <SelectField
            id="rdv-etablissement"
            label="Établissement"
            value={String(establishmentId)}
            onValue={(v) => {
              setEstablishmentId(Number(v));
              setProfessionalIds([]);
            }}
            options={writable.map((e) => ({ value: String(e.id), label: e.name }))}
            error={errors.establishment_id}
          />
          <fieldset class={['field', 'agenda-form__when', errors.starts_at ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
            <legend class="field__label">Début</legend>
            {errors.starts_at && (
              <p class="field__error" id="rdv-debut-erreur">
                <span class="visually-hidden">Erreur : </span>
                {errors.starts_at}
              </p>
            )}
            <label for="rdv-debut-date">Date</label>
            <input id="rdv-debut-date" type="date" class="field__input" value={startDay} aria-describedby={errors.starts_at ? 'rdv-debut-erreur' : undefined}
              onInput={(e) => {
                const next = e.currentTarget.value;
                if (endDay === startDay) setEndDay(next);
                setStartDay(next);
              }} />
            <label for="rdv-debut-heure">Heure</label>
            <input id="rdv-debut-heure" type="time" class="field__input" value={startTime} onInput={(e) => setStartTime(e.currentTarget.value)} />
          </fieldset>
          <fieldset class={['field', 'agenda-form__when', errors.ends_at ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
            <legend class="field__label">Fin</legend>
            {errors.ends_at && (
              <p class="field__error" id="rdv-fin-erreur">
                <span class="visually-hidden">Erreur : </span>
                {errors.ends_at}
              </p>
            )}
            <label for="rdv-fin-date">Date</label>
            <input id="rdv-fin-date" type="date" class="field__input" value={endDay} aria-describedby={errors.ends_at ? 'rdv-fin-erreur' : undefined}
              onInput={(e) => setEndDay(e.currentTarget.value)} />
            <label for="rdv-fin-heure">Heure</label>
            <input id="rdv-fin-heure" type="time" class="field__input" value={endTime} onInput={(e) => setEndTime(e.currentTarget.value)} />
          </fieldset>
          <SelectField id="rdv-type" label="Type de rendez-vous" value={kind} onValue={(v) => setKind(v as AppointmentKind)}
            options={kinds} error={errors.kind}
            hint={canMakeMedical(session) ? undefined : "Les rendez-vous médicaux sont pris par l'équipe soignante."} />
          <TextField id="rdv-objet" label="Objet" value={title} onValue={setTitle} error={errors.title} />
          <PersonPicker id="rdv-personne" value={person} onValue={setPerson} error={errors.person_id} />
          <fieldset class={['field', 'choices', errors.professional_ids ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
            <legend class="field__label">
              Professionnels<span class="field__optional"> (facultatif si une personne est indiquée)</span>
            </legend>
            {errors.professional_ids && (
              <p class="field__error">
                <span class="visually-hidden">Erreur : </span>
                {errors.professional_ids}
              </p>
            )}
            {professionals === null && <p class="loading">Chargement des professionnels…</p>}
            <div class="agenda-form__professionals">
              {choices.map((p) => (
                <label class="checkbox" key={p.id}>
                  <input
                    type="checkbox"
                    checked={professionalIds.includes(p.id)}
                    onChange={(e) => {
                      const checked = e.currentTarget.checked;
                      setProfessionalIds((ids) => (checked ? [...ids, p.id] : ids.filter((x) => x !== p.id)));
                    }}
                  />{' '}
                  {p.display_name}
                </label>
              ))}
            </div>
          </fieldset>
          <TextField id="rdv-lieu" label="Lieu" value={place} onValue={setPlace} error={errors.place} required={false} />
          <div class={['field', errors.comment ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
            <label class="field__label" for="rdv-commentaire">
              Commentaire<span class="field__optional"> (facultatif)</span>
            </label>
            {errors.comment && <p class="field__error">{errors.comment}</p>}
            <textarea id="rdv-commentaire" class="field__input" rows={3} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          </div>
          {a && (
            <SelectField id="rdv-statut" label="Statut" value={status} onValue={(v) => setStatus(v as AppointmentStatus)}
              options={STATUSES} error={errors.status} hint="Réalisé ou manqué : une fois l'heure du rendez-vous passée." />
          )}

          {conflicts && (
            <section class="panel agenda-conflict" role="alert" aria-labelledby="rdv-conflit-titre" tabIndex={-1} ref={warning}
              data-testid="rdv-conflit">
              <h3 id="rdv-conflit-titre" class="panel__title">
                <span aria-hidden="true">⚠ </span>Conflit d'horaire
              </h3>
              <p>Ce créneau chevauche {conflicts.length > 1 ? `${conflicts.length} rendez-vous prévus` : 'un rendez-vous prévu'} :</p>
              <ul>
                {conflicts.map((c) => (
                  <li key={c.id}>
                    « {c.title} », {c.starts_at.slice(0, 10).split('-').reverse().join('/')} {timeRange(c.starts_at, c.ends_at)} (
                    {c.shared.map(sharedLabel).join(', ')})
                  </li>
                ))}
              </ul>
              <div class="form__actions">
                <button type="button" class="button" disabled={busy} onClick={() => void save(true)}>
                  Confirmer malgré le conflit
                </button>
                <button type="button" class="button button--secondary" onClick={() => setConflicts(null)}>
                  Changer l'horaire
                </button>
              </div>
            </section>
          )}
          <FormAlert message={alert} testId="rdv-erreur" />
          <div class="form__actions">
            <button type="submit" class="button" disabled={busy}>
              Enregistrer
            </button>
            <button type="button" class="button button--secondary" onClick={onClose}>
              Fermer
            </button>
          </div>
        </form>
      )}
      {readOnly && (
        <div class="form__actions">
          <FormAlert message={alert} />
          <button type="button" class="button button--secondary" onClick={onClose}>
            Fermer
          </button>
        </div>
      )}
      {a && !readOnly && (
        <details class="agenda-form__cancel">
          <summary>Annuler ce rendez-vous</summary>
          <TextField id="rdv-motif" label="Motif d'annulation" value={reason} onValue={setReason} required={false} />
          <button type="button" class="button button--danger" disabled={busy} onClick={() => void cancel()}>
            Annuler le rendez-vous
          </button>
        </details>
      )}
    </section>
  );
}
