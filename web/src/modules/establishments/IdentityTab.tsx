// « Identité »: the profile of the establishment, and its form for the accounts that may change it.
import { useState } from 'preact/hooks';
import { updateEstablishment } from '../../api/establishments';
import { focusField } from '../../ui/focusField';
import { formatDateTime } from './format';
import { categoryLabel, categoryShort, labelsOf } from './labels';
import { ProfileForm } from './ProfileForm';
import { changesOf, profileValuesOf } from './profileValues';
import type { TabProps } from './tabProps';

const orNone = (text: string | null | undefined) => (text ? text : 'non renseigné');

export function IdentityTab({ establishment: e, reference, canWrite, onChanged }: TabProps) {
  const [editing, setEditing] = useState(false);

  function stopEditing() {
    setEditing(false);
    focusField('identite-modifier');
  }

  if (editing)
    return (
      <>
        <h2 class="tab-title">Modifier l'identité</h2>
        <ProfileForm
          reference={reference}
          initial={profileValuesOf(e)}
          current={e}
          submitLabel="Enregistrer les modifications"
          failure="Les modifications n'ont pas été enregistrées."
          send={async (values) => {
            const changes = changesOf(values, e);
            return Object.keys(changes).length === 0 ? e : updateEstablishment(e.id, changes);
          }}
          done={(saved) => {
            const message = saved === e ? 'Aucune modification à enregistrer.' : 'Les modifications ont été enregistrées.';
            void onChanged(message).then(stopEditing);
          }}
          onCancel={stopEditing}
        />
      </>
    );

  const address = [e.address_line, [e.postal_code, e.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return (
    <>
      <h2 class="tab-title">Identité</h2>
      <dl class="facts" data-testid="identity">
        <dt>Numéro FINESS</dt>
        <dd>{e.finess_et}</dd>
        <dt>Nom</dt>
        <dd>{e.name}</dd>
        <dt>Catégorie</dt>
        <dd>
          {categoryShort(reference, e.category_code)} — {categoryLabel(reference, e.category_code)} ({e.category_code})
        </dd>
        <dt>Publics accueillis</dt>
        <dd>{orNone(labelsOf(reference.publics, e.publics))}</dd>
        <dt>Handicaps ou besoins</dt>
        <dd>{orNone(labelsOf(reference.disabilities, e.disabilities))}</dd>
        <dt>Financeurs</dt>
        <dd>{orNone(labelsOf(reference.funders, e.funders))}</dd>
        <dt>Briques activées</dt>
        <dd>{orNone(labelsOf(reference.bricks, e.bricks))}</dd>
        <dt>Adresse</dt>
        <dd>{orNone(address)}</dd>
        <dt>Fiche créée le</dt>
        <dd>{formatDateTime(e.created_at)}</dd>
        <dt>Dernière modification</dt>
        <dd>{formatDateTime(e.updated_at)}</dd>
        {e.archived_at && (
          <>
            <dt>Archivé le</dt>
            <dd>{formatDateTime(e.archived_at)}</dd>
          </>
        )}
      </dl>
      {canWrite && (
        <button type="button" id="identite-modifier" class="button" onClick={() => setEditing(true)}>
          Modifier l'identité
        </button>
      )}
    </>
  );
}
