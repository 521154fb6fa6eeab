// The admission requests of the person (waiting list): establishment, kind of care, received on, status and
// since when, days of waiting; « Changer le statut » for the accounts that may.
import type { Establishment, Reference } from '../../api/establishments';
import type { AdmissionRequest } from '../../api/persons';
import { formatDate, formatNumber } from '../establishments/format';
import { careModeLabel } from '../establishments/labels';
import { establishmentName } from './useEstablishments';

interface Props {
  requests: readonly AdmissionRequest[];
  reference: Reference;
  establishments: Establishment[];
  canAct?: (request: AdmissionRequest) => boolean;
  onChangeStatus: (request: AdmissionRequest) => void;
}

const days = (n: number) => `${formatNumber(n)} jour${n > 1 ? 's' : ''}`;

export function AdmissionRequestsTable({ requests, reference, establishments, canAct, onChangeStatus }: Props) {
  const sorted = [...requests].sort(
    (a, b) => Number(b.waiting) - Number(a.waiting) || b.received_date.localeCompare(a.received_date),
  );
  const actions = canAct !== undefined && sorted.some(canAct);
  return (
    <div class="table-wrap" role="region" aria-labelledby="demandes-legende" tabIndex={0}>
      <table class="table" data-testid="requests-table">
        <caption id="demandes-legende">Demandes d'admission, celles en attente d'abord</caption>
        <thead>
          <tr>
            <th scope="col">Établissement</th>
            <th scope="col">Mode d'accueil</th>
            <th scope="col">Reçue le</th>
            <th scope="col">Statut</th>
            <th scope="col">Attente</th>
            <th scope="col">Commentaire</th>
            {actions && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => {
            const name = establishmentName(establishments, r.establishment_id);
            return (
              <tr key={r.id} data-request-id={r.id} data-status={r.status}>
                <th scope="row">{name}</th>
                <td>{careModeLabel(reference, r.care_mode)}</td>
                <td class="nowrap">{formatDate(r.received_date)}</td>
                <td>
                  {r.status_label}
                  <br />
                  <span class="muted nowrap">depuis le {formatDate(r.status_date)}</span>
                  {r.waiting && <span class="badge badge--warning">En attente</span>}
                </td>
                <td class="nowrap">{r.waiting ? days(r.waiting_days) : '—'}</td>
                <td>{r.comment ?? '—'}</td>
                {actions && (
                  <td>
                    {canAct?.(r) && (
                      <button
                        type="button"
                        class="button button--secondary button--small"
                        aria-label={`Changer le statut — demande du ${formatDate(r.received_date)}, ${name}`}
                        onClick={() => onChangeStatus(r)}
                      >
                        Changer le statut
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
