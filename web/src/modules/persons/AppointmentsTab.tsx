// « Rendez-vous »: the person's appointments the account may see (GET /api/v1/persons/{id}/appointments),
// upcoming first (soonest first), then past ones (latest first): when, what and where (a medical appointment
// hidden from the account reads « Rendez-vous médical », its place not shown), kind, professionals, status and
// conflicts written out. Appointments are made and changed in the agenda (« Ouvrir l'agenda »).
import { useEffect, useState } from 'preact/hooks';
import { fetchPersonAppointments, type Appointment } from '../../api/appointments';
import type { Establishment } from '../../api/establishments';
import { problemMessage } from '../../api/problems';
import { dayOf, longDay, nowInParis, timeRange } from '../appointments/agendaDates';
import type { TabProps } from './tabProps';
import { establishmentName } from './useEstablishments';

type State = { kind: 'loading' } | { kind: 'ready'; appointments: Appointment[] } | { kind: 'error'; message: string };

const STATUS_CLASS: Record<Appointment['status'], string> = {
  planned: 'badge',
  done: 'badge badge--muted',
  cancelled: 'badge badge--muted',
  missed: 'badge badge--warning',
};

/** Upcoming (not ended yet, on the establishments' clock), soonest first; past, latest first. */
export function splitAppointments(all: readonly Appointment[], now: string): { upcoming: Appointment[]; past: Appointment[] } {
  const byStart = (a: Appointment, b: Appointment) =>
    a.starts_at.localeCompare(b.starts_at) || a.ends_at.localeCompare(b.ends_at) || a.id - b.id;
  const upcoming = all.filter((a) => a.ends_at > now).sort(byStart);
  const past = all.filter((a) => a.ends_at <= now).sort((a, b) => byStart(b, a));
  return { upcoming, past };
}

function conflictText(a: Appointment, byId: Map<number, Appointment>): string {
  const known = a.conflicts.map((id) => byId.get(id)).filter((c): c is Appointment => c !== undefined);
  const others = a.conflicts.length - known.length;
  const parts = known.map((c) => `« ${c.title} » (${timeRange(c.starts_at, c.ends_at)})`);
  if (others > 0) parts.push(`${others} autre${others > 1 ? 's' : ''} rendez-vous`);
  return `En conflit avec ${parts.join(', ')}`;
}

interface TableProps {
  id: string;
  caption: string;
  appointments: Appointment[];
  byId: Map<number, Appointment>;
  establishments: Establishment[];
  personId: number;
}

function AppointmentsTable({ id, caption, appointments, byId, establishments, personId }: TableProps) {
  return (
    <div class="table-wrap" role="region" aria-labelledby={`${id}-legende`} tabIndex={0}>
      <table class="table appointments-table" data-testid={id}>
        <caption id={`${id}-legende`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date et heure</th>
            <th scope="col">Rendez-vous</th>
            <th scope="col">Type</th>
            <th scope="col">Professionnels</th>
            <th scope="col">Statut</th>
          </tr>
        </thead>
        <tbody>
          {appointments.map((a) => {
            const day = dayOf(a.starts_at);
            return (
              <tr
                key={a.id}
                data-appointment-id={a.id}
                data-status={a.status}
                data-conflict={a.conflicts.length > 0 ? 'true' : undefined}
              >
                <td>
                  <a href={`/usagers/rendez-vous?vue=jour&date=${day}&personne=${personId}`}>
                    <time dateTime={a.starts_at}>{longDay(day)}</time>
                  </a>
                  <br />
                  <span class="nowrap">{timeRange(a.starts_at, a.ends_at)}</span>
                </td>
                <th scope="row">
                  {a.title}
                  <span class="appointment-detail">
                    {a.masked
                      ? "Objet et lieu réservés à l'équipe soignante"
                      : a.place
                        ? `Lieu : ${a.place}`
                        : 'Lieu non précisé'}
                  </span>
                  <span class="appointment-detail">{establishmentName(establishments, a.establishment_id)}</span>
                </th>
                <td>{a.kind_label}</td>
                <td>
                  {a.professionals.length > 0 ? (
                    a.professionals.map((p) => p.display_name).join(', ')
                  ) : (
                    <span class="muted">Aucun</span>
                  )}
                </td>
                <td>
                  <span class={STATUS_CLASS[a.status] ?? 'badge'}>{a.status_label}</span>
                  {a.cancel_reason && <span class="appointment-detail">Motif : {a.cancel_reason}</span>}
                  {a.conflicts.length > 0 && (
                    <span class="appointment-detail appointment-conflict" data-testid="appointment-conflict">
                      <span aria-hidden="true">⚠ </span>
                      {conflictText(a, byId)}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function AppointmentsTab({ person, establishments }: TabProps) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }));
    fetchPersonAppointments(person.id, controller.signal).then(
      (appointments) => setState({ kind: 'ready', appointments }),
      (error: unknown) => !controller.signal.aborted && setState({ kind: 'error', message: problemMessage(error) }),
    );
    return () => controller.abort();
  }, [person]);

  const all = state.kind === 'ready' ? state.appointments : [];
  const { upcoming, past } = splitAppointments(all, nowInParis());
  const byId = new Map(all.map((a) => [a.id, a]));
  const table = { byId, establishments, personId: person.id };
  return (
    <>
      <h2 class="tab-title">Rendez-vous</h2>
      <p class="tab-actions">
        <a class="button button--secondary" href={`/usagers/rendez-vous?personne=${person.id}`} data-testid="open-agenda">
          Ouvrir l'agenda
        </a>
        <span class="muted">Les rendez-vous se prennent, se modifient et s'annulent dans l'agenda.</span>
      </p>
      <div aria-live="polite" class="results-status">
        {state.kind === 'loading' && <p class="loading">Chargement des rendez-vous…</p>}
        {state.kind === 'error' && (
          <p class="alert alert--error" role="alert">
            Impossible d'afficher les rendez-vous. {state.message}
          </p>
        )}
      </div>
      {state.kind === 'ready' && (
        <>
          <h3 class="section-subtitle">À venir</h3>
          {upcoming.length > 0 ? (
            <AppointmentsTable
              id="appointments-upcoming"
              caption="Rendez-vous à venir, du plus proche au plus lointain"
              appointments={upcoming}
              {...table}
            />
          ) : (
            <p class="notice" data-testid="appointments-upcoming-empty">
              Aucun rendez-vous à venir que vous puissiez voir.
            </p>
          )}
          <h3 class="section-subtitle">Passés</h3>
          {past.length > 0 ? (
            <AppointmentsTable
              id="appointments-past"
              caption="Rendez-vous passés, du plus récent au plus ancien"
              appointments={past}
              {...table}
            />
          ) : (
            <p class="notice" data-testid="appointments-past-empty">
              Aucun rendez-vous passé que vous puissiez voir.
            </p>
          )}
        </>
      )}
    </>
  );
}
