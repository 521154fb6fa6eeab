// The persons found, one row each; the name leads to the record.
import type { Person } from '../../api/persons';
import { IdentityBadge } from './IdentityBadge';
import { formatBirthDate, fullName, upper } from './names';
import { SEXES, label } from './labels';

interface Props {
  persons: readonly Person[];
  caption: string;
}

export function PersonsTable({ persons, caption }: Props) {
  return (
    <div class="table-wrap" role="region" aria-labelledby="usagers-legende" tabIndex={0}>
      <table class="table" data-testid="persons-table">
        <caption id="usagers-legende">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Nom de naissance et prénoms</th>
            <th scope="col">Nom d'usage</th>
            <th scope="col">Date de naissance</th>
            <th scope="col">Sexe</th>
            <th scope="col">Identité</th>
          </tr>
        </thead>
        <tbody>
          {persons.map((p) => (
            <tr key={p.id} data-person-id={p.id}>
              <th scope="row">
                <a href={`/usagers/${p.id}`}>{fullName(p)}</a>
                {p.merged_into !== null && <span class="badge badge--muted">Fusionné</span>}
              </th>
              <td>{p.used_name ? upper(p.used_name) : '—'}</td>
              <td class="nowrap">{formatBirthDate(p.birth_date)}</td>
              <td>{label(SEXES, p.sex)}</td>
              <td>
                <IdentityBadge status={p.identity_status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
