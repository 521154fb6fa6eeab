// « Identité »: the identity traits, the identity status and the document checked; « Modifier l'identité »
// for the accounts that may change the record (PATCH: only what changed; the history keeps the rest).
import { useState } from 'preact/hooks';
import { updatePerson } from '../../api/persons';
import { focusField } from '../../ui/focusField';
import { formatDateTime } from '../establishments/format';
import { IdentityBadge } from './IdentityBadge';
import { IdentityForm } from './IdentityForm';
import { identityChanges, identityValuesOf } from './identityValues';
import { SEXES, label } from './labels';
import { formatBirthDate, upper } from './names';
import { PersonPhoto } from './PersonPhoto';
import type { TabProps } from './tabProps';

const orNone = (text: string | null | undefined) => (text ? text : 'non renseigné');

/** "269054958815780" → "2 69 05 49 588 157 80". */
const formatNir = (nir: string) =>
  nir.length === 15 ? [nir.slice(0, 1), nir.slice(1, 3), nir.slice(3, 5), nir.slice(5, 7), nir.slice(7, 10), nir.slice(10, 13), nir.slice(13)].join(' ') : nir;

export function IdentityTab({ person: p, canWrite, onChanged }: TabProps) {
  const [editing, setEditing] = useState(false);

  function stopEditing() {
    setEditing(false);
    focusField('identite-modifier');
  }

  if (editing)
    return (
      <>
        <h2 class="tab-title">Modifier l'identité</h2>
        <IdentityForm
          initial={identityValuesOf(p)}
          submitLabel="Enregistrer les modifications"
          failure="Les modifications n'ont pas été enregistrées."
          send={async (values) => {
            const changes = identityChanges(values, p);
            return Object.keys(changes).length === 0 ? null : updatePerson(p.id, changes);
          }}
          done={(saved) => {
            const message = saved === null ? 'Aucune modification à enregistrer.' : "L'identité a été mise à jour.";
            void onChanged(message).then(stopEditing);
          }}
          onCancel={stopEditing}
        />
      </>
    );

  return (
    <>
      <h2 class="tab-title">Identité</h2>
      <dl class="facts" data-testid="identity">
        <dt>Nom de naissance</dt>
        <dd>{upper(p.birth_name)}</dd>
        <dt>Prénoms</dt>
        <dd>{p.first_names.join(', ')}</dd>
        <dt>Nom d'usage</dt>
        <dd>{p.used_name ? upper(p.used_name) : 'non renseigné'}</dd>
        <dt>Prénom usuel</dt>
        <dd>{orNone(p.used_first_name)}</dd>
        <dt>Sexe</dt>
        <dd>{label(SEXES, p.sex)}</dd>
        <dt>Date de naissance</dt>
        <dd>
          {formatBirthDate(p.birth_date)}
          {/^\d{4}$/.test(p.birth_date) && ' (année seulement)'}
        </dd>
        <dt>Lieu de naissance (INSEE)</dt>
        <dd>{orNone(p.birth_place)}</dd>
        <dt>NIR</dt>
        <dd>{p.nir ? formatNir(p.nir) : 'non renseigné'}</dd>
        <dt>Statut de l'identité</dt>
        <dd>
          <IdentityBadge status={p.identity_status} />
        </dd>
        <dt>Pièce d'identité vérifiée</dt>
        <dd>{orNone(p.identity_document)}</dd>
        {p.identity_checked_at && (
          <>
            <dt>Identité vérifiée</dt>
            <dd>
              le {formatDateTime(p.identity_checked_at)}
              {p.identity_checked_by && ` par ${p.identity_checked_by}`}
            </dd>
          </>
        )}
        <dt>Dossier créé le</dt>
        <dd>{formatDateTime(p.created_at)}</dd>
      </dl>
      {canWrite && (
        <div class="form__actions">
          <button type="button" id="identite-modifier" class="button" onClick={() => setEditing(true)}>
            Modifier l'identité
          </button>
        </div>
      )}
      <PersonPhoto personId={p.id} canWrite={canWrite} hasPhoto={p.photo_updated_at != null} name={[p.used_first_name ?? p.first_names[0], upper(p.used_name ?? p.birth_name)].filter(Boolean).join(' ')} />
    </>
  );
}
