// The page of an establishment: its summary, « Archiver », and the tabs (kept in the address, ?onglet=).
import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import type { EstablishmentDetail, Reference } from '../../api/establishments';
import { replaceQuery, useQuery } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import { useSession } from '../../app/SessionContext';
import { PageTitle } from '../../ui/PageTitle';
import { Tabs } from '../../ui/Tabs';
import { canWriteEstablishment } from './access';
import { ArchiveButton } from './ArchiveButton';
import { AuthorisationsTab } from './AuthorisationsTab';
import { CalendarTab } from './CalendarTab';
import { CapacitiesTab } from './CapacitiesTab';
import { TABS, queryWithTab, tabFromQuery } from './detailTabs';
import { formatDateTime } from './format';
import { HistoryTab } from './HistoryTab';
import { IdentityTab } from './IdentityTab';
import { categoryLabel, categoryShort } from './labels';
import { takeNotice } from './notice';
import { SitesTab } from './SitesTab';
import type { TabProps } from './tabProps';
import { useEstablishment } from './useEstablishment';
import { useReference } from './useReference';
import './establishments.css';

const PANELS: Record<string, ComponentType<TabProps>> = {
  identite: IdentityTab,
  capacites: CapacitiesTab,
  autorisations: AuthorisationsTab,
  sites: SitesTab,
  calendrier: CalendarTab,
  historique: HistoryTab,
};

function Summary({ establishment: e, reference }: { establishment: EstablishmentDetail; reference: Reference }) {
  return (
    <p class="establishment-summary" data-testid="establishment-summary">
      <abbr title={categoryLabel(reference, e.category_code)}>{categoryShort(reference, e.category_code)}</abbr>
      <span aria-hidden="true"> · </span>
      <span>FINESS {e.finess_et}</span>
      {e.city && (
        <>
          <span aria-hidden="true"> · </span>
          <span>{e.city}</span>
        </>
      )}
      {e.archived_at && <span class="badge badge--muted">Archivé</span>}
    </p>
  );
}

interface LoadedProps {
  establishment: EstablishmentDetail;
  reference: Reference;
  /** Reads the establishment again (after a change). */
  reload: () => Promise<void>;
}

function Loaded({ establishment, reference, reload }: LoadedProps) {
  const { session } = useSession();
  const tab = tabFromQuery(useQuery());
  const [message, setMessage] = useState<string | null>(takeNotice);
  const writer = canWriteEstablishment(session, establishment.id);
  const canWrite = writer && !establishment.archived_at;

  // The message once the page shows what was saved.
  async function onChanged(text: string) {
    setMessage(null);
    await reload();
    setMessage(text);
  }

  const Panel = PANELS[tab] ?? IdentityTab;
  return (
    <>
      <Summary establishment={establishment} reference={reference} />
      {writer && !establishment.archived_at && (
        <div class="toolbar">
          <ArchiveButton establishment={establishment} onArchived={onChanged} />
        </div>
      )}
      <div role="status" class="status-message" data-testid="establishment-status">
        {message && <p class="alert alert--success">{message}</p>}
      </div>
      {establishment.archived_at && (
        <p class="notice notice--spaced">
          Établissement archivé le {formatDateTime(establishment.archived_at)} : sa fiche est conservée mais ne se modifie
          plus.
        </p>
      )}
      <Tabs
        idPrefix="etablissement"
        label="Fiche de l'établissement"
        tabs={TABS}
        selected={tab}
        onSelect={(next) => {
          setMessage(null);
          replaceQuery(queryWithTab(window.location.search, next));
        }}
      >
        <Panel establishment={establishment} reference={reference} canWrite={canWrite} onChanged={onChanged} />
      </Tabs>
    </>
  );
}

export function EstablishmentDetailPage({ params }: RouteProps) {
  const id = /^[1-9]\d{0,17}$/.test(params.id ?? '') ? Number(params.id) : null;
  const { state, reload } = useEstablishment(id);
  const reference = useReference();

  if (state.kind === 'not-found')
    return (
      <article class="page">
        <PageTitle>Établissement introuvable</PageTitle>
        <p class="lead">Cet établissement n'existe pas, ou votre compte ne donne pas accès à sa fiche.</p>
        <p>
          <a href="/etablissements">Revenir à la liste des établissements</a>
        </p>
      </article>
    );

  return (
    <article class="page page--wide">
      <p class="breadcrumb">
        <a href="/etablissements">Établissements</a>
      </p>
      <PageTitle>{state.kind === 'ready' ? state.establishment.name : 'Établissement'}</PageTitle>
      {(state.kind === 'loading' || reference.kind === 'loading') && <p class="loading">Chargement de la fiche…</p>}
      {state.kind === 'error' && (
        <p class="alert alert--error" role="alert">
          Impossible d'afficher l'établissement. {state.message}
        </p>
      )}
      {reference.kind === 'error' && (
        <p class="alert alert--error" role="alert">
          Impossible de charger les nomenclatures. {reference.message}
        </p>
      )}
      {state.kind === 'ready' && reference.kind === 'ready' && (
        <Loaded establishment={state.establishment} reference={reference.reference} reload={reload} />
      )}
    </article>
  );
}
