// The two views of the agenda. Week: a table with the seven days as columns and the hours as rows,
// each appointment in the row of the hour it starts (on the following days of a long one, in the first
// row, marked « suite »). Day: the day's appointments in order, with their place and comment.
import type { Appointment } from '../../api/appointments';
import { AppointmentChip } from './AppointmentChip';
import { addDays, dayOf, hourOf, longDay, meetsDay, shortDay, timeRange } from './agendaDates';
import { personName } from './labels';

interface ViewProps {
  items: Appointment[];
  today: string;
  onOpen: (a: Appointment) => void;
}

/** For each appointment, the titles of those it conflicts with that are in the view. */
function conflictTitles(items: Appointment[]) {
  const byId = new Map(items.map((a) => [a.id, a.title]));
  return (a: Appointment) => a.conflicts.map((id) => byId.get(id)).filter((t): t is string => !!t);
}

export function WeekView({ items, today, days, onOpen }: ViewProps & { days: string[] }) {
  const titles = conflictTitles(items);
  const starts = items.map((a) => hourOf(a.starts_at));
  const first = Math.min(8, ...starts);
  const last = Math.max(18, ...starts);
  const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  // The row an appointment shows in on a day: its starting hour, or the first row when it began before.
  const rowOf = (a: Appointment, day: string) => (dayOf(a.starts_at) === day ? hourOf(a.starts_at) : first);
  return (
    <div class="table-wrap agenda-week-wrap">
      <table class="agenda-week" data-testid="agenda-semaine">
        <caption class="visually-hidden">
          Semaine du {longDay(days[0] as string)} au {longDay(days[6] as string)}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="agenda-week__hour-head">
              Heure
            </th>
            {days.map((day) => (
              <th scope="col" key={day} class={day === today ? 'agenda-week__day agenda-week__day--today' : 'agenda-week__day'}>
                <a href={`/usagers/rendez-vous?vue=jour&date=${day}`} aria-label={`${longDay(day)}${day === today ? " (aujourd'hui)" : ''}, vue du jour`}>
                  {shortDay(day)}
                </a>
                {day === today && <span class="agenda-week__today"> aujourd'hui</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {hours.map((hour) => (
            <tr key={hour}>
              <th scope="row" class="agenda-week__hour">
                {String(hour).padStart(2, '0')}:00
              </th>
              {days.map((day) => {
                const here = items.filter((a) => meetsDay(a.starts_at, a.ends_at, day) && rowOf(a, day) === hour);
                return (
                  <td key={day} class={day === today ? 'agenda-week__cell agenda-week__cell--today' : 'agenda-week__cell'}>
                    {here.map((a) => (
                      <AppointmentChip
                        key={a.id}
                        appointment={a}
                        conflictTitles={titles(a)}
                        continued={dayOf(a.starts_at) !== day}
                        onOpen={onOpen}
                      />
                    ))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DayView({ items, day, onOpen }: ViewProps & { day: string }) {
  const titles = conflictTitles(items);
  const next = addDays(day, 1);
  if (items.length === 0) return <p class="empty-state">Aucun rendez-vous le {longDay(day)}.</p>;
  return (
    <ol class="agenda-day" data-testid="agenda-jour" aria-label={`Rendez-vous du ${longDay(day)}`}>
      {items.map((a) => (
        <li key={a.id} class="agenda-day__item">
          <AppointmentChip appointment={a} conflictTitles={titles(a)} continued={dayOf(a.starts_at) < day} onOpen={onOpen} />
          <dl class="agenda-day__facts">
            <dt>Horaire</dt>
            <dd>
              {timeRange(a.starts_at, a.ends_at)}
              {a.ends_at > `${next}T00:00` && ' (se poursuit)'}
            </dd>
            {a.person && (
              <>
                <dt>Personne</dt>
                <dd>
                  <a href={`/usagers/${a.person.id}`}>{personName(a.person)}</a>
                </dd>
              </>
            )}
            {a.professionals.length > 0 && (
              <>
                <dt>Professionnels</dt>
                <dd>{a.professionals.map((p) => p.display_name).join(', ')}</dd>
              </>
            )}
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
          </dl>
        </li>
      ))}
    </ol>
  );
}
