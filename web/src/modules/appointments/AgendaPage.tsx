// « Rendez-vous »: the agenda of the establishments the account sees, by week (seven columns, one row per hour)
// or by day, filtered by establishment and professional. The view, the day shown and the filters are in the
// address (?vue=semaine&date=2030-12-02&etablissement=1&professionnel=5; &personne=12 for one person's
// appointments, e.g. from the person's record). Educators and care professionals open on their own agenda.
// Conflicts are written out on the appointments (« Conflit »), not only coloured.
import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchAgenda, fetchProfessionals, type Appointment, type AppointmentPerson, type ProfessionalChoice } from '../../api/appointments';
import { fetchPerson } from '../../api/persons';
import { problemMessage } from '../../api/problems';
import type { RouteProps } from '../../app/routes';
import { replaceQuery, useQuery } from '../../app/router';
import { useSession } from '../../app/SessionContext';
import { PageTitle } from '../../ui/PageTitle';
import { SelectField } from '../../ui/SelectField';
import { useEstablishments } from '../attendance/hooks';
import { UsagersLinks } from '../attendance/UsagersLinks';
import { AgendaPeriod } from './AgendaPeriod';
import { DayView, WeekView } from './AgendaViews';
import { AppointmentForm } from './AppointmentForm';
import { addDays, isDay, mondayOf, todayInParis, weekOf } from './agendaDates';
import { canMakeAppointments, ownAgendaFirst, personName } from './labels';
import './agenda.css';

type AgendaState =
  | { kind: 'loading' }
  | { kind: 'ready'; items: Appointment[] }
  | { kind: 'error'; message: string };

type FormState = { kind: 'closed' } | { kind: 'new' } | { kind: 'open'; appointment: Appointment };

export function AgendaPage(_props: RouteProps) {
  const { session } = useSession();
  const establishments = useEstablishments();
  const query = new URLSearchParams(useQuery());
  const today = todayInParis();
  const view = query.get('vue') === 'jour' ? 'day' : 'week';
  const asked = query.get('date');
  const day = isDay(asked) ? asked : today;
  const establishmentId = Number(query.get('etablissement')) || null;
  // No parameter: the account's own agenda for educators and care professionals, everybody's for the others.
  const personId = Number(query.get('personne')) || null;
  const professionalParam = query.get('professionnel');
  const professionalId =
    professionalParam === null
      ? ownAgendaFirst(session) && !personId
        ? session.account.id
        : null
      : Number(professionalParam) || null;
  const days = view === 'week' ? weekOf(day) : [day];
  const from = days[0] as string;
  const to = days[days.length - 1] as string;

  const [state, setState] = useState<AgendaState>({ kind: 'loading' });
  const [professionals, setProfessionals] = useState<ProfessionalChoice[]>([]);
  const [form, setForm] = useState<FormState>({ kind: 'closed' });
  const [notice, setNotice] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [person, setPerson] = useState<AppointmentPerson | null>(null);
  const calendar = useRef<HTMLElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    setState((current) => (current.kind === 'ready' ? current : { kind: 'loading' }));
    fetchAgenda(
      {
        from,
        to,
        establishment_id: establishmentId ?? undefined,
        professional_id: professionalId ?? undefined,
        person_id: personId ?? undefined,
      },
      controller.signal,
    ).then(
      (page) => setState({ kind: 'ready', items: page.items }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'error', message: problemMessage(error) });
      },
    );
    return () => controller.abort();
  }, [from, to, establishmentId, professionalId, personId, reload]);

  // The person the agenda is filtered on: named above the agenda, and proposed in a new appointment.
  useEffect(() => {
    setPerson(null);
    if (!personId) return;
    const controller = new AbortController();
    fetchPerson(personId, controller.signal).then(
      (p) => setPerson({ id: p.id, birth_name: p.birth_name, used_name: p.used_name, first_names: p.first_names, used_first_name: p.used_first_name }),
      () => undefined,
    );
    return () => controller.abort();
  }, [personId]);

  useEffect(() => {
    const controller = new AbortController();
    fetchProfessionals(establishmentId, controller.signal).then(
      (page) => setProfessionals(page.items),
      () => undefined,
    );
    return () => controller.abort();
  }, [establishmentId]);

  function choose(changes: Record<string, string>) {
    const params = new URLSearchParams(query);
    for (const [key, value] of Object.entries(changes)) params.set(key, value);
    replaceQuery(params);
  }

  /** Previous or next week (or day), or today; the focus stays in the agenda. */
  function move(step: -1 | 0 | 1) {
    const next = step === 0 ? today : addDays(view === 'week' ? mondayOf(day) : day, step * (view === 'week' ? 7 : 1));
    choose({ date: next, vue: view === 'week' ? 'semaine' : 'jour' });
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'PageUp') move(-1);
    else if (event.key === 'PageDown') move(1);
    else if (event.key === 't' || event.key === 'T') move(0);
    else return;
    event.preventDefault();
    calendar.current?.focus();
  }

  const list = establishments.kind === 'ready' ? establishments.items : [];
  const professionalOptions = professionals.map((p) => ({ value: String(p.id), label: p.display_name }));
  if (professionalId && !professionals.some((p) => p.id === professionalId))
    professionalOptions.push({ value: String(professionalId), label: professionalId === session.account.id ? session.account.display_name : `Compte n° ${professionalId}` });

  return (
    <article class="page page--wide">
      <p class="breadcrumb">
        <a href="/usagers">Usagers</a>
      </p>
      <PageTitle>Rendez-vous</PageTitle>
      <UsagersLinks current="/usagers/rendez-vous" />
      <p class="lead">
        L'agenda des personnes accompagnées et des professionnels : rendez-vous médicaux, familles, partenaires, réunions.
      </p>

      <form class="form filters" aria-labelledby="agenda-filtres-titre" noValidate onSubmit={(e) => e.preventDefault()}>
        <h2 id="agenda-filtres-titre" class="filters__title">
          Agenda à afficher
        </h2>
        <div class="filters__grid">
          <SelectField
            id="agenda-vue"
            label="Vue"
            value={view === 'week' ? 'semaine' : 'jour'}
            onValue={(v) => choose({ vue: v })}
            options={[
              { value: 'semaine', label: 'Semaine' },
              { value: 'jour', label: 'Jour' },
            ]}
          />
          <SelectField
            id="agenda-etablissement"
            label="Établissement"
            value={establishmentId ? String(establishmentId) : ''}
            onValue={(v) => choose({ etablissement: v })}
            emptyLabel="Tous mes établissements"
            options={list.map((e) => ({ value: String(e.id), label: e.name }))}
          />
          <SelectField
            id="agenda-professionnel"
            label="Professionnel"
            value={professionalId ? String(professionalId) : ''}
            onValue={(v) => choose({ professionnel: v })}
            emptyLabel="Tous les professionnels"
            options={professionalOptions}
          />
        </div>
      </form>

      {personId && (
        <p class="notice" data-testid="agenda-personne">
          Rendez-vous de {person ? <a href={`/usagers/${personId}`}>{personName(person)}</a> : `la personne n° ${personId}`}.{' '}
          <button
            type="button"
            class="button button--link"
            onClick={() => {
              const params = new URLSearchParams(query);
              params.delete('personne');
              replaceQuery(params);
            }}
          >
            Voir tout l'agenda
          </button>
        </p>
      )}
      {notice && (
        <p class="alert alert--success" role="status" data-testid="agenda-message">
          {notice}
        </p>
      )}
      {canMakeAppointments(session) && form.kind === 'closed' && (
        <p>
          <button type="button" class="button" onClick={() => { setNotice(null); setForm({ kind: 'new' }); }}>
            Nouveau rendez-vous
          </button>
        </p>
      )}
      {form.kind !== 'closed' && establishments.kind === 'ready' && (
        <AppointmentForm
          key={form.kind === 'open' ? form.appointment.id : 'nouveau'}
          session={session}
          establishments={list}
          appointment={form.kind === 'open' ? form.appointment : null}
          defaultDay={day}
          defaultEstablishmentId={establishmentId}
          defaultPerson={form.kind === 'new' ? person : null}
          onSaved={(saved, message) => {
            setForm({ kind: 'closed' });
            setNotice(message);
            // Show the week (or day) of the appointment saved.
            if (saved.starts_at.slice(0, 10) < from || saved.starts_at.slice(0, 10) > to) choose({ date: saved.starts_at.slice(0, 10) });
            setReload((n) => n + 1);
          }}
          onClose={() => setForm({ kind: 'closed' })}
        />
      )}

      <section
        class="agenda"
        aria-labelledby="agenda-periode"
        tabIndex={-1}
        ref={calendar}
        onKeyDown={onKeyDown}
        data-testid="agenda"
      >
        <AgendaPeriod view={view} days={days} today={today} onMove={move} />
        <div aria-live="polite" class="results-status">
          {state.kind === 'loading' && <p class="loading">Chargement de l'agenda…</p>}
          {state.kind === 'error' && (
            <p class="alert alert--error" role="alert">
              Impossible d'afficher l'agenda. {state.message}
            </p>
          )}
          {state.kind === 'ready' && (
            <p class="agenda__summary" data-testid="agenda-resume">
              {summary(state.items)}
            </p>
          )}
        </div>
        {state.kind === 'ready' &&
          (view === 'week' ? (
            <WeekView items={state.items} today={today} days={days} onOpen={(a) => { setNotice(null); setForm({ kind: 'open', appointment: a }); }} />
          ) : (
            <DayView items={state.items} today={today} day={day} onOpen={(a) => { setNotice(null); setForm({ kind: 'open', appointment: a }); }} />
          ))}
      </section>
    </article>
  );
}

function summary(items: Appointment[]): string {
  const planned = items.filter((a) => a.status === 'planned').length;
  const conflicts = items.filter((a) => a.conflicts.length > 0).length;
  const text = planned === 0 ? 'Aucun rendez-vous prévu' : planned === 1 ? '1 rendez-vous prévu' : `${planned} rendez-vous prévus`;
  return conflicts > 0 ? `${text}, dont ${conflicts} en conflit.` : `${text}.`;
}
