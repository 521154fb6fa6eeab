// The capacity periods of an establishment, by kind of care and status, newest first; an open period can be
// closed on a date (PATCH effective_to) by the accounts that may change the establishment.
import { useState } from 'preact/hooks';
import { focusField } from '../../ui/focusField';
import type { CapacityPeriod, Reference } from '../../api/establishments';
import { careModeLabel, statusLabel } from './labels';
import { formatDate, formatNumber } from './format';
import { ClosePeriodForm } from './ClosePeriodForm';

interface Props {
  establishmentId: number;
  periods: CapacityPeriod[];
  reference: Reference;
  canWrite: boolean;
  onChanged: (message: string) => void;
}

/** By kind of care, then status in the reference's order (authorised, installed, funded), newest first. */
function sorted(periods: CapacityPeriod[], reference: Reference): CapacityPeriod[] {
  const rank = (status: string) => reference.capacity_statuses.findIndex((s) => s.code === status);
  return [...periods].sort(
    (a, b) =>
      a.care_mode.localeCompare(b.care_mode) ||
      rank(a.status) - rank(b.status) ||
      b.effective_from.localeCompare(a.effective_from),
  );
}

export function CapacityTable({ establishmentId, periods, reference, canWrite, onChanged }: Props) {
  const [closing, setClosing] = useState<number | null>(null);
  if (periods.length === 0) return <p class="notice">Aucune période de capacité n'est enregistrée.</p>;
  return (
    <div class="table-wrap" id="capacites-tableau" role="region" aria-labelledby="capacites-legende" tabIndex={0}>
      <table class="table" data-testid="capacity-table">
        <caption id="capacites-legende">Périodes de capacité</caption>
        <thead>
          <tr>
            <th scope="col">Mode d'accueil</th>
            <th scope="col">Statut</th>
            <th scope="col" class="number">
              Places
            </th>
            <th scope="col">Du</th>
            <th scope="col">Au</th>
            {canWrite && (
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {sorted(periods, reference).map((p) => (
            <tr key={p.id} data-capacity-id={p.id} data-care-mode={p.care_mode} data-status={p.status}>
              <th scope="row">{careModeLabel(reference, p.care_mode)}</th>
              <td>{statusLabel(reference, p.status)}</td>
              <td class="number">{formatNumber(p.places)}</td>
              <td class="nowrap">{formatDate(p.effective_from)}</td>
              <td class="nowrap">{p.effective_to ? formatDate(p.effective_to) : 'sans fin'}</td>
              {canWrite && (
                <td>
                  {p.effective_to === null &&
                    (closing === p.id ? (
                      <ClosePeriodForm
                        establishmentId={establishmentId}
                        period={p}
                        label={`${careModeLabel(reference, p.care_mode)}, ${statusLabel(reference, p.status).toLowerCase()}`}
                        onDone={(message) => {
                          setClosing(null);
                          // The row's button is gone (the period is closed): reading goes on from the table.
                          focusField('capacites-tableau');
                          onChanged(message);
                        }}
                        onCancel={() => {
                          setClosing(null);
                          focusField(`capacite-${p.id}-clore`);
                        }}
                      />
                    ) : (
                      <button
                        type="button"
                        id={`capacite-${p.id}-clore`}
                        class="button button--secondary button--small"
                        onClick={() => setClosing(p.id)}
                      >
                        Clore<span class="visually-hidden"> la période {careModeLabel(reference, p.care_mode)}, {statusLabel(reference, p.status).toLowerCase()}, du {formatDate(p.effective_from)}</span>
                      </button>
                    ))}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
