// One appointment in the agenda: a button that opens it. A conflict is written out (« Conflit »,
// with the appointments it overlaps), not only shown by a colour; so is a cancellation.
import type { Appointment } from '../../api/appointments';
import { personName } from './labels';
import { timeRange } from './agendaDates';

interface Props {
  appointment: Appointment;
  /** The titles of the appointments it conflicts with, when they are in the view. */
  conflictTitles: string[];
  /** Shown on a day after the one it starts. */
  continued?: boolean;
  onOpen: (a: Appointment) => void;
}

export function AppointmentChip({ appointment: a, conflictTitles, continued, onOpen }: Props) {
  const conflict = a.conflicts.length > 0;
  const who = [a.person ? personName(a.person) : null, ...a.professionals.map((p) => p.display_name)].filter(Boolean).join(', ');
  const conflictText = conflict
    ? `En conflit avec ${conflictTitles.length > 0 ? conflictTitles.map((t) => `« ${t} »`).join(', ') : `${a.conflicts.length} autre(s) rendez-vous`}`
    : '';
  const classes = ['appt', `appt--${a.kind}`, conflict ? 'appt--conflict' : '', a.status !== 'planned' ? `appt--${a.status}` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type="button"
      class={classes}
      data-testid={`rdv-${a.id}`}
      data-conflict={conflict ? 'true' : undefined}
      onClick={() => onOpen(a)}
      title={conflictText || undefined}
    >
      <span class="appt__time">
        {continued && 'suite · '}
        {timeRange(a.starts_at, a.ends_at)}
      </span>
      <span class="appt__title">{a.title}</span>
      <span class="appt__meta">
        {a.kind_label}
        {who && ` · ${who}`}
      </span>
      {a.status !== 'planned' && <span class="appt__status">{a.status_label}</span>}
      {conflict && (
        <span class="appt__conflict">
          <span aria-hidden="true">⚠ </span>Conflit<span class="visually-hidden"> : {conflictText}</span>
        </span>
      )}
    </button>
  );
}
