// The stays of the person, the open ones first: establishment, kind of care, admission (and where the person
// came from), discharge (and where the person went); « Déclarer la sortie » and « Transférer » on open stays.
import type { Establishment, Reference } from '../../api/establishments';
import type { Stay } from '../../api/persons';
import { formatDate } from '../establishments/format';
import { careModeLabel } from '../establishments/labels';
import { DESTINATIONS, ORIGINS, label } from './labels';
import { establishmentName } from './useEstablishments';

export type StayAction = { kind: 'discharge' | 'transfer'; stay: Stay };

interface Props {
  stays: readonly Stay[];
  reference: Reference;
  establishments: Establishment[];
  /** The account may act on this stay (none: read-only). */
  canAct?: (stay: Stay) => boolean;
  onAction: (action: StayAction) => void;
}

const byRecency = (a: Stay, b: Stay) =>
  Number(a.discharge_date !== null) - Number(b.discharge_date !== null) || b.admission_date.localeCompare(a.admission_date);

export function StaysTable({ stays, reference, establishments, canAct, onAction }: Props) {
  const sorted = [...stays].sort(byRecency);
  const actions = canAct !== undefined && sorted.some((s) => s.discharge_date === null && canAct(s));
  return (
    <div class="table-wrap" role="region" aria-labelledby="sejours-legende" tabIndex={0}>
      <table class="table" data-testid="stays-table">
        <caption id="sejours-legende">Séjours, les séjours en cours d'abord</caption>
        <thead>
          <tr>
            <th scope="col">Établissement</th>
            <th scope="col">Mode d'accueil</th>
            <th scope="col">Admission</th>
            <th scope="col">Sortie</th>
            {actions && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((s) => {
            const name = establishmentName(establishments, s.establishment_id);
            const from = s.transfer_from_stay_id !== null ? stays.find((o) => o.id === s.transfer_from_stay_id) : undefined;
            const to = s.transferred_to_stay_id !== null ? stays.find((o) => o.id === s.transferred_to_stay_id) : undefined;
            return (
              <tr key={s.id} data-stay-id={s.id} data-open={s.discharge_date === null ? 'true' : 'false'}>
                <th scope="row">{name}</th>
                <td>{careModeLabel(reference, s.care_mode)}</td>
                <td>
                  <span class="nowrap">le {formatDate(s.admission_date)}</span>
                  <br />
                  <span class="muted">
                    {from
                      ? `transfert depuis ${establishmentName(establishments, from.establishment_id)}`
                      : `provenance : ${label(ORIGINS, s.origin).toLowerCase()}`}
                  </span>
                </td>
                <td>
                  {s.discharge_date === null ? (
                    <span class="badge person-badge--present">En cours</span>
                  ) : (
                    <>
                      <span class="nowrap">le {formatDate(s.discharge_date)}</span>
                      <br />
                      <span class="muted">
                        {to
                          ? `transfert vers ${establishmentName(establishments, to.establishment_id)}`
                          : `destination : ${label(DESTINATIONS, s.destination).toLowerCase()}`}
                        {s.discharge_reason && !(to && s.discharge_reason === 'transfert') && ` — ${s.discharge_reason}`}
                      </span>
                    </>
                  )}
                </td>
                {actions && (
                  <td>
                    {s.discharge_date === null && canAct?.(s) && (
                      <div class="row-actions">
                        <button
                          type="button"
                          class="button button--secondary button--small"
                          aria-label={`Déclarer la sortie — ${name}`}
                          onClick={() => onAction({ kind: 'discharge', stay: s })}
                        >
                          Déclarer la sortie
                        </button>
                        <button
                          type="button"
                          class="button button--secondary button--small"
                          aria-label={`Transférer — ${name}`}
                          onClick={() => onAction({ kind: 'transfer', stay: s })}
                        >
                          Transférer
                        </button>
                      </div>
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
