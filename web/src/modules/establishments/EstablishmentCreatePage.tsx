// "Nouvel établissement": the creation form; once created, the establishment's page.
import { useEffect, useState } from 'preact/hooks';
import { createEstablishment, fetchOrganisations, type Organisation } from '../../api/establishments';
import { problemMessage } from '../../api/problems';
import { navigate } from '../../app/router';
import { useSession } from '../../app/SessionContext';
import { PageTitle } from '../../ui/PageTitle';
import { canCreateEstablishments, isPlatformAdmin } from './access';
import { setNotice } from './notice';
import { ProfileForm } from './ProfileForm';
import { EMPTY_PROFILE, creationInput } from './profileValues';
import { useReference } from './useReference';
import './establishments.css';

type Organisations = { kind: 'loading' } | { kind: 'ready'; list: Organisation[] | undefined } | { kind: 'error'; message: string };

/** The platform administration chooses the organisation; everybody else creates in their own. */
function useOrganisations(platform: boolean): Organisations {
  const [state, setState] = useState<Organisations>(platform ? { kind: 'loading' } : { kind: 'ready', list: undefined });
  useEffect(() => {
    if (!platform) return;
    const controller = new AbortController();
    fetchOrganisations(controller.signal).then(
      (list) => setState({ kind: 'ready', list }),
      (error: unknown) => !controller.signal.aborted && setState({ kind: 'error', message: problemMessage(error) }),
    );
    return () => controller.abort();
  }, [platform]);
  return state;
}

export function EstablishmentCreatePage() {
  const { session } = useSession();
  const reference = useReference();
  const platform = isPlatformAdmin(session);
  const organisations = useOrganisations(platform);
  const allowed = canCreateEstablishments(session);

  return (
    <article class="page">
      <p class="breadcrumb">
        <a href="/etablissements">Établissements</a>
      </p>
      <PageTitle>Nouvel établissement</PageTitle>
      {!allowed && (
        <p class="alert alert--error" role="alert">
          Votre compte ne permet pas de créer un établissement. Adressez-vous à la direction ou à l'administrateur de
          votre organisme.
        </p>
      )}
      {allowed && (
        <>
          <p class="lead">
            Les champs sans mention « facultatif » sont obligatoires. Capacités, autorisations, sites et calendrier se
            renseignent ensuite sur la page de l'établissement.
          </p>
          {(reference.kind === 'loading' || organisations.kind === 'loading') && <p class="loading">Chargement…</p>}
          {reference.kind === 'error' && (
            <p class="alert alert--error" role="alert">
              Impossible de charger les nomenclatures. {reference.message}
            </p>
          )}
          {organisations.kind === 'error' && (
            <p class="alert alert--error" role="alert">
              Impossible de charger la liste des organismes. {organisations.message}
            </p>
          )}
          {reference.kind === 'ready' && organisations.kind === 'ready' && (
            <ProfileForm
              reference={reference.reference}
              initial={EMPTY_PROFILE}
              organisations={organisations.list}
              submitLabel="Créer l'établissement"
              failure="L'établissement n'a pas été créé."
              send={(values) => createEstablishment(creationInput(values, platform))}
              done={(created) => {
                setNotice(`L'établissement « ${created.name} » a été créé.`);
                navigate(`/etablissements/${created.id}`);
              }}
              onCancel={() => navigate('/etablissements')}
            />
          )}
        </>
      )}
    </article>
  );
}
