// « Présences »: the person's attendance for a month (GET /persons/{id}/attendance?month=), as a calendar
// (Monday first) with the mark of each day, and the totals. Attendance is recorded on the establishment's grid
// (/usagers/presences).
import { useEffect, useState } from 'preact/hooks';
import { fetchPersonAttendance, type AttendanceMark, type PersonAttendance } from '../../api/persons';
import { problemMessage } from '../../api/problems';
import { formatNumber } from '../establishments/format';
import { ABSENCE_REASONS, ATTENDANCE_STATUSES, label } from './labels';
import { currentMonth, isMonth, monthLabel, shiftMonth, weeksOf, type CalendarDay } from './attendanceCalendar';
import type { TabProps } from './tabProps';

type State = { kind: 'loading' } | { kind: 'ready'; attendance: PersonAttendance } | { kind: 'error'; message: string };

const WEEKDAYS: [string, string][] = [
  ['Lun', 'Lundi'],
  ['Mar', 'Mardi'],
  ['Mer', 'Mercredi'],
  ['Jeu', 'Jeudi'],
  ['Ven', 'Vendredi'],
  ['Sam', 'Samedi'],
  ['Dim', 'Dimanche'],
];

function markText(mark: AttendanceMark): string {
  const status = label(ATTENDANCE_STATUSES, mark.status);
  return mark.reason ? `${status} (${label(ABSENCE_REASONS, mark.reason).toLowerCase()})` : status;
}

/** "present" → "Présent", "absent:illness" → "Absent (maladie)". */
function totalLabel(key: string): string {
  const [status = '', reason] = key.split(':');
  return markText({ stay_id: 0, date: '', status: status as AttendanceMark['status'], reason: reason ?? null });
}

const days = (n: number) => `${formatNumber(n)} jour${n > 1 ? 's' : ''}`;

function Cell({ day }: { day: CalendarDay | null }) {
  if (!day) return <td class="calendar__blank" />;
  const status = day.mark?.status ?? (day.inStay ? 'none' : 'out');
  return (
    <td class={`calendar__day calendar__day--${status}`} data-date={day.date} data-status={day.mark?.status ?? ''}>
      <span class="calendar__number">{day.day}</span>
      <span class="calendar__mark">{day.mark ? markText(day.mark) : day.inStay ? 'Non saisi' : 'Hors séjour'}</span>
    </td>
  );
}

export function AttendanceTab({ person }: TabProps) {
  const [month, setMonth] = useState(currentMonth);
  const [typed, setTyped] = useState(month);
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    fetchPersonAttendance(person.id, month, controller.signal).then(
      (attendance) => setState({ kind: 'ready', attendance }),
      (error: unknown) => !controller.signal.aborted && setState({ kind: 'error', message: problemMessage(error) }),
    );
    return () => controller.abort();
  }, [person, month]);

  function go(next: string) {
    setMonth(next);
    setTyped(next);
  }

  const totals = state.kind === 'ready' ? Object.entries(state.attendance.totals).filter(([, n]) => n > 0) : [];
  return (
    <>
      <h2 class="tab-title">Présences</h2>
      <div class="month-picker" role="group" aria-label="Mois affiché">
        <button type="button" class="button button--secondary button--small" onClick={() => go(shiftMonth(month, -1))}>
          Mois précédent
        </button>
        <label class="field__label" for="presences-mois">
          Mois
        </label>
        <input
          id="presences-mois"
          type="month"
          class="field__input month-picker__input"
          value={typed}
          onInput={(event) => {
            const value = event.currentTarget.value;
            setTyped(value);
            if (isMonth(value)) setMonth(value);
          }}
        />
        <button type="button" class="button button--secondary button--small" onClick={() => go(shiftMonth(month, 1))}>
          Mois suivant
        </button>
      </div>
      <div aria-live="polite" class="results-status">
        {state.kind === 'loading' && <p class="loading">Chargement des présences…</p>}
        {state.kind === 'error' && (
          <p class="alert alert--error" role="alert">
            Impossible d'afficher les présences. {state.message}
          </p>
        )}
      </div>
      {state.kind === 'ready' && (
        <>
          {state.attendance.stays.length === 0 && (
            <p class="notice">Aucun séjour ne couvre {monthLabel(month)} : il n'y a pas de présence à afficher.</p>
          )}
          <div class="table-wrap" role="region" aria-labelledby="presences-legende" tabIndex={0}>
            <table class="table calendar" data-testid="attendance-calendar">
              <caption id="presences-legende">Présences de {monthLabel(month)}</caption>
              <thead>
                <tr>
                  {WEEKDAYS.map(([short, long]) => (
                    <th scope="col" key={short}>
                      <abbr title={long}>{short}</abbr>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {weeksOf(month, state.attendance.stays, state.attendance.marks).map((week, i) => (
                  <tr key={i}>
                    {week.map((day, j) => (
                      <Cell key={j} day={day} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3 class="section-subtitle">Totaux du mois</h3>
          {totals.length === 0 ? (
            <p class="notice">Aucune présence ni absence n'est saisie pour ce mois.</p>
          ) : (
            <ul class="attendance-totals" data-testid="attendance-totals">
              {totals.map(([key, n]) => (
                <li key={key}>
                  <span class="attendance-totals__label">{totalLabel(key)}</span> : {days(n)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
