// The record of a person (/usagers/:id): its summary, the notice of a merged record, and the tabs (kept in
// the address, ?onglet=). Write actions are shown only to the accounts that may change the record.
import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import type { Establishment, Reference } from '../../api/establishments';
import type { PersonRecord } from '../../api/persons';
import { replaceQuery, useQuery } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import { useSession } from '../../app/SessionContext';
import { PageTitle } from '../../ui/PageTitle';
import { Tabs } from '../../ui/Tabs';
import { useReference } from '../establishments/useReference';
import { canWriteRecord } from './access';
import { AppointmentsTab } from './AppointmentsTab';
import { AttendanceTab } from './AttendanceTab';
import { CircleTab } from './CircleTab';
import { DecisionsTab } from './DecisionsTab';
import { DocumentsTab } from './DocumentsTab';
import { HistoryTab } from './HistoryTab';
import { IdentityBadge } from './IdentityBadge';
import { IdentityTab } from './IdentityTab';
import { LettersTab } from './LettersTab';
import { bornLabel, fullName, upper } from './names';
import { NotesTab } from './NotesTab';
import { takeNotice } from './notice';
import { PlanTab } from './PlanTab';
import { queryWithTab, tabFromQuery, tabsFor } from './recordTabs';
import { StaysTab } from './StaysTab';
import type { TabProps } from './tabProps';
import { establishmentName, useEstablishments } from './useEstablishments';
import { usePerson } from './usePerson';
import './persons.css';

const PANELS: Record<string, ComponentType<TabProps>> = {
  identite: IdentityTab,
  sejours: StaysTab,
  decisions: DecisionsTab,
  entourage: CircleTab,
  projet: PlanTab,
  notes: NotesTab,
  documents: DocumentsTab,
  'rendez-vous': AppointmentsTab,
  courriers: LettersTab,
  presences: AttendanceTab,
  historique: HistoryTab,
};

function Summary({ person: p, establishments }: { person: PersonRecord; establishments: Establishment[] }) {
  const open = p.stays.filter((s) => s.discharge_date === null);
  return (
    <p class="person-summary" data-testid="person-summary">
      <span>{bornLabel(p)}</span>
      {p.used_name && (
        <>
          <span aria-hidden="true"> · </span>
          <span>Nom d'usage : {upper(p.used_name)}</span>
        </>
      )}
      <span aria-hidden="true"> · </span>
      <span>Dossier ouvert par {establishmentName(establishments, p.registered_establishment_id)}</span>
      <IdentityBadge status={p.identity_status} />
      {open.length > 0 ? (
        <span class="badge person-badge--present">Accueilli(e)</span>
      ) : (
        <span class="badge badge--muted">Aucun séjour en cours</span>
      )}
    </p>
  );
}

interface LoadedProps {
  person: PersonRecord;
  reference: Reference;
  establishments: Establishment[];
  reload: () => Promise<void>;
}

function Loaded({ person, reference, establishments, reload }: LoadedProps) {
  const { session } = useSession();
  const tabs = tabsFor(session);
  const tab = tabFromQuery(useQuery(), tabs);
  const [message, setMessage] = useState<string | null>(takeNotice);
  const linked = [person.registered_establishment_id, ...person.stays.map((s) => s.establishment_id)];
  const canWrite = canWriteRecord(session, linked) && person.merged_into === null;

  async function onChanged(text: string) {
    setMessage(null);
    await reload();
    setMessage(text);
  }

  const Panel = PANELS[tab] ?? IdentityTab;
  return (
    <>
      <Summary person={person} establishments={establishments} />
      <div role="status" class="status-message" data-testid="person-status">
        {message && <p class="alert alert--success">{message}</p>}
      </div>
      {person.merged_into !== null && (
        <p class="notice notice--spaced" data-testid="merged-notice">
          Ce dossier est un doublon : il a été fusionné dans le{' '}
          <a href={`/usagers/${person.merged_into}`}>dossier conservé (n° {person.merged_into})</a>. Il est gardé pour
          l'historique et ne se modifie plus.
        </p>
      )}
      {person.merged_from.length > 0 && (
        <p class="notice notice--spaced">
          Dossiers fusionnés dans celui-ci :{' '}
          {person.merged_from.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <a href={`/usagers/${id}`}>n° {id}</a>
            </span>
          ))}
          .
        </p>
      )}
      <Tabs
        idPrefix="usager"
        label="Dossier de la personne"
        tabs={tabs}
        selected={tab}
        onSelect={(next) => {
          setMessage(null);
          replaceQuery(queryWithTab(window.location.search, next));
        }}
      >
        <Panel
          person={person}
          reference={reference}
          establishments={establishments}
          canWrite={canWrite}
          onChanged={onChanged}
        />
      </Tabs>
    </>
  );
}

export function PersonRecordPage({ params }: RouteProps) {
  const id = /^[1-9]\d{0,17}$/.test(params.id ?? '') ? Number(params.id) : null;
  const { state, reload } = usePerson(id);
  const reference = useReference();
  const establishments = useEstablishments();

  if (state.kind === 'not-found')
    return (
      <article class="page">
        <PageTitle>Dossier introuvable</PageTitle>
        <p class="lead">Ce dossier n'existe pas, ou votre compte ne donne pas accès à cette personne.</p>
        <p>
          <a href="/usagers">Revenir à la recherche des usagers</a>
        </p>
      </article>
    );

  const loading = state.kind === 'loading' || reference.kind === 'loading' || establishments.kind === 'loading';
  return (
    <article class="page page--wide">
      <p class="breadcrumb">
        <a href="/usagers">Usagers</a>
      </p>
      <PageTitle>{state.kind === 'ready' ? fullName(state.person) : 'Dossier'}</PageTitle>
      {loading && <p class="loading">Chargement du dossier…</p>}
      {state.kind === 'error' && (
        <p class="alert alert--error" role="alert">
          Impossible d'afficher le dossier. {state.message}
        </p>
      )}
      {reference.kind === 'error' && (
        <p class="alert alert--error" role="alert">
          Impossible de charger les nomenclatures. {reference.message}
        </p>
      )}
      {establishments.kind === 'error' && (
        <p class="alert alert--error" role="alert">
          Impossible de charger la liste des établissements. {establishments.message}
        </p>
      )}
      {state.kind === 'ready' && reference.kind === 'ready' && establishments.kind === 'ready' && (
        <Loaded
          person={state.person}
          reference={reference.reference}
          establishments={establishments.establishments}
          reload={reload}
        />
      )}
    </article>
  );
}
