// « Séjours »: the stays (admission, discharge, transfer) and the admission requests of the waiting list.
import { useState } from 'preact/hooks';
import type { AdmissionRequest } from '../../api/persons';
import { useSession } from '../../app/SessionContext';
import { focusField } from '../../ui/focusField';
import { formatDate } from '../establishments/format';
import { writableEstablishments } from './access';
import { AdmissionRequestForm } from './AdmissionRequestForm';
import { AdmissionRequestsTable } from './AdmissionRequestsTable';
import { AdmitForm } from './AdmitForm';
import { DischargeForm } from './DischargeForm';
import { RequestStatusForm } from './RequestStatusForm';
import { StaysTable, type StayAction } from './StaysTable';
import { TransferForm } from './TransferForm';
import type { TabProps } from './tabProps';
import { establishmentName, establishmentOptions } from './useEstablishments';

type Editing = StayAction | { kind: 'request'; request: AdmissionRequest } | null;

export function StaysTab({ person, reference, establishments, canWrite, onChanged }: TabProps) {
  const { session } = useSession();
  const [editing, setEditing] = useState<Editing>(null);
  const writable = writableEstablishments(session);
  const mayWriteIn = (id: number) => canWrite && (writable === null || writable.has(id));
  const options = establishmentOptions(establishments, writable);

  function open(next: Editing, firstField: string) {
    setEditing(next);
    focusField(firstField);
  }

  function finished(message: string) {
    setEditing(null);
    void onChanged(message);
  }

  const name = (id: number) => establishmentName(establishments, id);
  return (
    <>
      <h2 class="tab-title">Séjours</h2>
      {person.stays.length === 0 ? (
        <p class="notice">Aucun séjour n'est enregistré pour cette personne.</p>
      ) : (
        <StaysTable
          stays={person.stays}
          reference={reference}
          establishments={establishments}
          canAct={canWrite ? (s) => mayWriteIn(s.establishment_id) : undefined}
          onAction={(action) => open(action, action.kind === 'discharge' ? 'sortie-date' : 'transfert-date')}
        />
      )}
      {editing?.kind === 'discharge' && (
        <DischargeForm
          key={editing.stay.id}
          personId={person.id}
          stay={editing.stay}
          establishmentName={name(editing.stay.establishment_id)}
          onDone={finished}
          onCancel={() => setEditing(null)}
        />
      )}
      {editing?.kind === 'transfer' && (
        <TransferForm
          key={editing.stay.id}
          personId={person.id}
          stay={editing.stay}
          establishmentName={name(editing.stay.establishment_id)}
          reference={reference}
          establishments={options}
          onDone={finished}
          onCancel={() => setEditing(null)}
        />
      )}
      {canWrite && options.length > 0 && (
        <AdmitForm personId={person.id} reference={reference} establishments={options} onDone={(m) => finished(m)} />
      )}

      <h2 class="section-subtitle">Demandes d'admission</h2>
      {person.admission_requests.length === 0 ? (
        <p class="notice">Aucune demande d'admission n'est enregistrée.</p>
      ) : (
        <AdmissionRequestsTable
          requests={person.admission_requests}
          reference={reference}
          establishments={establishments}
          canAct={canWrite ? (r) => mayWriteIn(r.establishment_id) : undefined}
          onChangeStatus={(request) => open({ kind: 'request', request }, 'demande-nouveau-statut')}
        />
      )}
      {editing?.kind === 'request' && (
        <RequestStatusForm
          key={editing.request.id}
          personId={person.id}
          request={editing.request}
          title={`Demande du ${formatDate(editing.request.received_date)} — ${name(editing.request.establishment_id)}`}
          onDone={finished}
          onCancel={() => setEditing(null)}
        />
      )}
      {canWrite && options.length > 0 && (
        <AdmissionRequestForm
          personId={person.id}
          reference={reference}
          establishments={options}
          decisions={person.decisions}
          onDone={finished}
        />
      )}
    </>
  );
}
