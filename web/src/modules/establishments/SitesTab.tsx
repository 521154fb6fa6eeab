// « Sites »: the places where the establishment works.
import { SiteForm } from './SiteForm';
import type { TabProps } from './tabProps';

function address(parts: (string | null)[]): string {
  return parts.filter(Boolean).join(' ') || '—';
}

export function SitesTab({ establishment, canWrite, onChanged }: TabProps) {
  return (
    <>
      <h2 class="tab-title">Sites</h2>
      {establishment.sites.length === 0 ? (
        <p class="notice">Aucun site n'est enregistré : l'établissement travaille à l'adresse de sa fiche.</p>
      ) : (
        <ul class="site-list" data-testid="sites-list">
          {establishment.sites.map((site) => (
            <li key={site.id} class="card">
              <h3 class="card__title">{site.name}</h3>
              <p>
                {address([site.address_line])}
                {(site.postal_code || site.city) && (
                  <>
                    <br />
                    {address([site.postal_code, site.city])}
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {canWrite && <SiteForm establishmentId={establishment.id} onDone={onChanged} />}
    </>
  );
}
