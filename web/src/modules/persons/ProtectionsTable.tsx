// The legal protection measures of the person, current ones first; « Modifier » for the accounts that may.
import type { Protection } from '../../api/persons';
import { formatDate } from '../establishments/format';
import { PROTECTION_KINDS, PROTECTOR_KINDS, label } from './labels';

interface Props {
  protections: readonly Protection[];
  canWrite: boolean;
  onEdit: (protection: Protection) => void;
}

export function ProtectionsTable({ protections, canWrite, onEdit }: Props) {
  const sorted = [...protections].sort((a, b) => Number(b.current) - Number(a.current) || b.start_date.localeCompare(a.start_date));
  return (
    <div class="table-wrap" role="region" aria-labelledby="protections-legende" tabIndex={0}>
      <table class="table" data-testid="protections-table">
        <caption id="protections-legende">Mesures de protection juridique, les mesures en cours d'abord</caption>
        <thead>
          <tr>
            <th scope="col">Mesure</th>
            <th scope="col">Période</th>
            <th scope="col">Protecteur</th>
            <th scope="col">Coordonnées</th>
            {canWrite && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((p) => {
            const kind = label(PROTECTION_KINDS, p.kind);
            return (
              <tr key={p.id} data-protection-id={p.id}>
                <th scope="row">
                  {kind}
                  {p.current ? <span class="badge person-badge--present">En cours</span> : <span class="badge badge--muted">Terminée</span>}
                  {p.judgement_reference && (
                    <>
                      <br />
                      <span class="muted">Jugement {p.judgement_reference}</span>
                    </>
                  )}
                </th>
                <td class="nowrap">
                  depuis le {formatDate(p.start_date)}
                  {p.end_date && (
                    <>
                      <br />
                      jusqu'au {formatDate(p.end_date)}
                    </>
                  )}
                </td>
                <td>
                  {p.protector_name}
                  <br />
                  <span class="muted">{label(PROTECTOR_KINDS, p.protector_kind)}</span>
                </td>
                <td>{[p.protector_phone, p.protector_email, p.protector_address].filter(Boolean).join(' · ') || '—'}</td>
                {canWrite && (
                  <td>
                    <button
                      type="button"
                      class="button button--secondary button--small"
                      aria-label={`Modifier — ${kind}, ${p.protector_name}`}
                      onClick={() => onEdit(p)}
                    >
                      Modifier
                    </button>
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
