// « Entourage »: the contacts of the person and their rights (letters, information, emergency), archived ones
// apart; the legal protection measures. Add, change, archive and restore for the accounts that may.
import { useState } from 'preact/hooks';
import { updateContact, type Contact, type Protection } from '../../api/persons';
import { problemMessage } from '../../api/problems';
import { focusField } from '../../ui/focusField';
import { FormAlert } from '../../ui/FormAlert';
import { ContactCard, contactName } from './ContactCard';
import { ContactForm } from './ContactForm';
import { ProtectionForm } from './ProtectionForm';
import { ProtectionsTable } from './ProtectionsTable';
import type { TabProps } from './tabProps';

type Editing = { kind: 'contact'; contact: Contact } | { kind: 'protection'; protection: Protection } | null;

export function CircleTab({ person, canWrite, onChanged }: TabProps) {
  const [editing, setEditing] = useState<Editing>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const active = person.contacts.filter((c) => !c.archived);
  const archived = person.contacts.filter((c) => c.archived);

  function finished(message: string) {
    setEditing(null);
    void onChanged(message);
  }

  async function archive(contact: Contact, value: boolean) {
    setBusy(true);
    setFailure(null);
    try {
      await updateContact(person.id, contact.id, { archived: value });
      await onChanged(value ? `Le contact ${contactName(contact)} a été archivé.` : `Le contact ${contactName(contact)} a été restauré.`);
    } catch (error) {
      setFailure(`${value ? "Le contact n'a pas été archivé." : "Le contact n'a pas été restauré."} ${problemMessage(error)}`);
    } finally {
      setBusy(false);
    }
  }

  const card = (c: Contact) => (
    <ContactCard
      key={c.id}
      contact={c}
      canWrite={canWrite}
      busy={busy}
      onEdit={() => {
        setEditing({ kind: 'contact', contact: c });
        focusField('contact-type');
      }}
      onArchive={(value) => void archive(c, value)}
    />
  );

  return (
    <>
      <h2 class="tab-title">Entourage</h2>
      <FormAlert message={failure} testId="circle-alert" />
      {active.length === 0 ? (
        <p class="notice">Aucun contact n'est enregistré.</p>
      ) : (
        <ul class="contact-list" data-testid="contacts-list">
          {active.map(card)}
        </ul>
      )}
      {editing?.kind === 'contact' && (
        <ContactForm
          key={editing.contact.id}
          personId={person.id}
          contact={editing.contact}
          onDone={finished}
          onCancel={() => setEditing(null)}
        />
      )}
      {archived.length > 0 && (
        <details class="archived-contacts">
          <summary>
            {archived.length} contact{archived.length > 1 ? 's' : ''} archivé{archived.length > 1 ? 's' : ''}
          </summary>
          <ul class="contact-list" data-testid="archived-contacts-list">
            {archived.map(card)}
          </ul>
        </details>
      )}
      {canWrite && editing?.kind !== 'contact' && <ContactForm personId={person.id} onDone={finished} />}

      <h2 class="section-subtitle">Protection juridique</h2>
      {person.protections.length === 0 ? (
        <p class="notice">Aucune mesure de protection n'est enregistrée.</p>
      ) : (
        <ProtectionsTable
          protections={person.protections}
          canWrite={canWrite}
          onEdit={(protection) => {
            setEditing({ kind: 'protection', protection });
            focusField('protection-mesure');
          }}
        />
      )}
      {editing?.kind === 'protection' && (
        <ProtectionForm
          key={editing.protection.id}
          personId={person.id}
          protection={editing.protection}
          onDone={finished}
          onCancel={() => setEditing(null)}
        />
      )}
      {canWrite && editing?.kind !== 'protection' && <ProtectionForm personId={person.id} onDone={finished} />}
    </>
  );
}
