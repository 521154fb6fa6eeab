// The establishments of a page of the list, one row each; the name leads to the establishment's page.
import type { Ref } from 'preact';
import type { Establishment, Reference } from '../../api/establishments';
import { categoryLabel, categoryShort, funderShort, labelOf } from './labels';

interface Props {
  establishments: Establishment[];
  reference: Reference;
  caption: string;
  regionRef?: Ref<HTMLDivElement>;
}

export function EstablishmentsTable({ establishments, reference, caption, regionRef }: Props) {
  return (
    <div class="table-wrap" role="region" aria-labelledby="etablissements-legende" tabIndex={0} ref={regionRef}>
      <table class="table" data-testid="establishments-table">
        <caption id="etablissements-legende">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">FINESS</th>
            <th scope="col">Catégorie</th>
            <th scope="col">Ville</th>
            <th scope="col">Financeurs</th>
          </tr>
        </thead>
        <tbody>
          {establishments.map((e) => (
            <tr key={e.id} data-establishment-id={e.id}>
              <th scope="row">
                <a href={`/etablissements/${e.id}`}>{e.name}</a>
                {e.archived_at && <span class="badge badge--muted">Archivé</span>}
              </th>
              <td class="nowrap">{e.finess_et}</td>
              <td>
                <abbr title={categoryLabel(reference, e.category_code)}>{categoryShort(reference, e.category_code)}</abbr>
              </td>
              <td>{e.city ?? '—'}</td>
              <td>
                {e.funders.length === 0
                  ? '—'
                  : e.funders.map((code, i) => (
                      <span key={code}>
                        {i > 0 && ', '}
                        <abbr title={labelOf(reference.funders, code)}>{funderShort(code)}</abbr>
                      </span>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
