// « Calendrier »: days open per year and kind of care, closures, and their forms.
import { CalendarForm } from './CalendarForm';
import { ClosureForm } from './ClosureForm';
import { formatDate, formatNumber } from './format';
import { careModeLabel } from './labels';
import type { TabProps } from './tabProps';
import { describePattern } from './weekdays';

export function CalendarTab({ establishment, reference, canWrite, onChanged }: TabProps) {
  const calendars = [...establishment.calendars].sort((a, b) => b.year - a.year || a.care_mode.localeCompare(b.care_mode));
  const closures = [...establishment.closures].sort((a, b) => b.date_from.localeCompare(a.date_from));
  return (
    <>
      <h2 class="tab-title">Calendrier</h2>
      {calendars.length === 0 ? (
        <p class="notice">Aucun calendrier d'ouverture n'est enregistré.</p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="calendriers-legende" tabIndex={0}>
          <table class="table" data-testid="calendars-table">
            <caption id="calendriers-legende">Jours d'ouverture par année et mode d'accueil</caption>
            <thead>
              <tr>
                <th scope="col">Année</th>
                <th scope="col">Mode d'accueil</th>
                <th scope="col" class="number">
                  Jours d'ouverture
                </th>
                <th scope="col">Jours de la semaine</th>
              </tr>
            </thead>
            <tbody>
              {calendars.map((c) => (
                <tr key={`${c.year}-${c.care_mode}`}>
                  <th scope="row">{c.year}</th>
                  <td>{careModeLabel(reference, c.care_mode)}</td>
                  <td class="number">{c.days_open === null ? '—' : formatNumber(c.days_open)}</td>
                  <td>{c.weekly_pattern ? describePattern(c.weekly_pattern) : 'nombre de jours saisi'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && <CalendarForm establishmentId={establishment.id} reference={reference} onDone={onChanged} />}
      <h3 class="section-subtitle">Fermetures</h3>
      {closures.length === 0 ? (
        <p class="notice">Aucune fermeture n'est déclarée.</p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="fermetures-legende" tabIndex={0}>
          <table class="table" data-testid="closures-table">
            <caption id="fermetures-legende">Fermetures déclarées</caption>
            <thead>
              <tr>
                <th scope="col">Du</th>
                <th scope="col">Au</th>
                <th scope="col">Motif</th>
                <th scope="col">Mode d'accueil</th>
              </tr>
            </thead>
            <tbody>
              {closures.map((c) => (
                <tr key={c.id}>
                  <th scope="row" class="nowrap">
                    {formatDate(c.date_from)}
                  </th>
                  <td class="nowrap">{formatDate(c.date_to)}</td>
                  <td>{c.reason}</td>
                  <td>{c.care_mode ? careModeLabel(reference, c.care_mode) : 'Tous'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && <ClosureForm establishmentId={establishment.id} reference={reference} onDone={onChanged} />}
    </>
  );
}
