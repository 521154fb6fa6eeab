// « Nouveau dossier »: the identity of the person and the establishment that opens the record. A likely
// duplicate (409) is explained, with « Créer quand même » (confirm_duplicate); once created, the record.
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { POSSIBLE_DUPLICATE, createPerson, type Person } from '../../api/persons';
import { problemMessage } from '../../api/problems';
import { navigate } from '../../app/router';
import { useSession } from '../../app/SessionContext';
import { PageTitle } from '../../ui/PageTitle';
import { focusField } from '../../ui/focusField';
import { canWritePersons, writableEstablishments } from './access';
import { DuplicateWarning } from './DuplicateWarning';
import { IdentityForm } from './IdentityForm';
import { EMPTY_IDENTITY, IDENTITY_IDS, creationInput, type IdentityValues } from './identityValues';
import { fullName } from './names';
import { setNotice } from './notice';
import { establishmentOptions, useEstablishments } from './useEstablishments';
import './persons.css';

interface Duplicate {
  detail: string;
  values: IdentityValues;
}

type Outcome = { created: Person } | { duplicate: string };

function isDuplicate(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409 && error.type.endsWith(POSSIBLE_DUPLICATE);
}

function opened(person: Person) {
  setNotice(`Le dossier de ${fullName(person)} a été créé.`);
  navigate(`/usagers/${person.id}`);
}

export function PersonCreatePage() {
  const { session } = useSession();
  const establishments = useEstablishments();
  const allowed = canWritePersons(session);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);

  async function confirm() {
    if (!duplicate) return;
    setConfirming(true);
    setConfirmError(null);
    try {
      opened(await createPerson(creationInput(duplicate.values, true)));
    } catch (error) {
      setConfirming(false);
      setConfirmError(`Le dossier n'a pas été créé. ${problemMessage(error)}`);
    }
  }

  function dismiss() {
    setDuplicate(null);
    setConfirmError(null);
    focusField(IDENTITY_IDS.birth_name);
  }

  const options = establishments.kind === 'ready' ? establishmentOptions(establishments.establishments, writableEstablishments(session)) : [];
  return (
    <article class="page">
      <p class="breadcrumb">
        <a href="/usagers">Usagers</a>
      </p>
      <PageTitle>Nouveau dossier</PageTitle>
      {!allowed && (
        <p class="alert alert--error" role="alert">
          Votre compte ne permet pas de créer un dossier. Adressez-vous au secrétariat ou à la direction.
        </p>
      )}
      {allowed && (
        <>
          <p class="lead">
            Avant de créer un dossier, vérifiez que la personne n'en a pas déjà un (recherche de la page Usagers). Les
            champs sans mention « facultatif » sont obligatoires.
          </p>
          {establishments.kind === 'loading' && <p class="loading">Chargement…</p>}
          {establishments.kind === 'error' && (
            <p class="alert alert--error" role="alert">
              Impossible de charger la liste des établissements. {establishments.message}
            </p>
          )}
          {establishments.kind === 'ready' && (
            <IdentityForm<Outcome>
              initial={{ ...EMPTY_IDENTITY, establishment_id: options.length === 1 ? (options[0]?.value ?? '') : '' }}
              establishments={options}
              submitLabel="Créer le dossier"
              failure="Le dossier n'a pas été créé."
              testId="person-create-form"
              send={async (values) => {
                try {
                  return { created: await createPerson(creationInput(values, false)) };
                } catch (error) {
                  if (isDuplicate(error)) return { duplicate: error.detail ?? '' };
                  throw error;
                }
              }}
              done={(outcome, values) => {
                if ('created' in outcome) opened(outcome.created);
                else setDuplicate({ detail: outcome.duplicate, values });
              }}
              onEdit={() => duplicate && !confirming && setDuplicate(null)}
              onCancel={() => navigate('/usagers')}
            >
              {duplicate && (
                <DuplicateWarning
                  detail={duplicate.detail}
                  birthName={duplicate.values.birth_name.trim()}
                  busy={confirming}
                  error={confirmError}
                  onConfirm={() => void confirm()}
                  onCancel={dismiss}
                />
              )}
            </IdentityForm>
          )}
        </>
      )}
    </article>
  );
}
