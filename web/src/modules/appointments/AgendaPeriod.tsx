// The period shown and the buttons to move: previous, today, next (also Page préc. / Page suiv. and T while the
// focus is in the agenda).
import { dayMonth, longDay } from './agendaDates';

interface Props {
  view: 'week' | 'day';
  days: string[];
  today: string;
  onMove: (step: -1 | 0 | 1) => void;
}

export function AgendaPeriod({ view, days, today, onMove }: Props) {
  const first = days[0] as string;
  const last = days[days.length - 1] as string;
  const label = view === 'week' ? `Semaine du ${dayMonth(first)} au ${dayMonth(last, true)}` : longDay(first);
  const unit = view === 'week' ? 'Semaine' : 'Jour';
  return (
    <div class="agenda__period">
      <h2 id="agenda-periode" class="agenda__title" data-testid="agenda-periode">
        {label.charAt(0).toUpperCase() + label.slice(1)}
        {view === 'day' && first === today && <span class="agenda__today"> (aujourd'hui)</span>}
      </h2>
      <div class="agenda__nav" role="group" aria-label="Changer de période">
        <button type="button" class="button button--secondary button--small" aria-keyshortcuts="PageUp" onClick={() => onMove(-1)}>
          <span aria-hidden="true">← </span>
          {unit} précédent{view === 'week' ? 'e' : ''}
        </button>
        <button type="button" class="button button--secondary button--small" aria-keyshortcuts="T" onClick={() => onMove(0)}>
          Aujourd'hui
        </button>
        <button type="button" class="button button--secondary button--small" aria-keyshortcuts="PageDown" onClick={() => onMove(1)}>
          {unit} suivant{view === 'week' ? 'e' : ''}
          <span aria-hidden="true"> →</span>
        </button>
      </div>
      <p class="agenda__keys">
        Au clavier, dans l'agenda : <kbd>Page préc.</kbd> / <kbd>Page suiv.</kbd> pour la période précédente ou suivante,{' '}
        <kbd>T</kbd> pour aujourd'hui.
      </p>
    </div>
  );
}
