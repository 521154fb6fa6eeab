// One contact of the circle: who, how to reach them, their rights; « Modifier », « Archiver » or « Restaurer ».
import type { Contact } from '../../api/persons';
import { formatDateTime } from '../establishments/format';
import { CONTACT_KINDS, label } from './labels';

interface Props {
  contact: Contact;
  canWrite: boolean;
  busy: boolean;
  onEdit: () => void;
  onArchive: (archived: boolean) => void;
}

export const contactName = (c: Contact) => [c.civility, c.first_name, c.last_name].filter(Boolean).join(' ');

export function ContactCard({ contact: c, canWrite, busy, onEdit, onArchive }: Props) {
  const name = contactName(c);
  const address = [c.address_line, [c.postal_code, c.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const rights = [
    c.receives_letters && 'Reçoit les courriers',
    c.to_be_informed && 'Informé(e)',
    c.emergency && 'À prévenir en urgence',
  ].filter((x): x is string => Boolean(x));
  return (
    <li class={['card', 'contact-card', c.archived ? 'contact-card--archived' : ''].filter(Boolean).join(' ')} data-contact-id={c.id}>
      <h3 class="card__title">{name}</h3>
      <p class="contact-card__kind">
        {label(CONTACT_KINDS, c.kind)}
        {c.relationship && ` — ${c.relationship}`}
      </p>
      {rights.length > 0 && (
        <ul class="contact-card__rights" aria-label="Droits">
          {rights.map((right) => (
            <li key={right} class="badge person-badge--right">
              {right}
            </li>
          ))}
        </ul>
      )}
      <dl class="contact-card__ways">
        {c.phone && (
          <>
            <dt>Téléphone</dt>
            <dd>
              <a href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>{c.phone}</a>
            </dd>
          </>
        )}
        {c.email && (
          <>
            <dt>Courriel</dt>
            <dd>
              <a href={`mailto:${c.email}`}>{c.email}</a>
            </dd>
          </>
        )}
        {address && (
          <>
            <dt>Adresse</dt>
            <dd>{address}</dd>
          </>
        )}
      </dl>
      {c.archived && c.archived_at && <p class="muted">Archivé le {formatDateTime(c.archived_at)}</p>}
      {canWrite && (
        <div class="row-actions">
          {!c.archived && (
            <button type="button" class="button button--secondary button--small" aria-label={`Modifier — ${name}`} onClick={onEdit} disabled={busy}>
              Modifier
            </button>
          )}
          <button
            type="button"
            class="button button--secondary button--small"
            aria-label={`${c.archived ? 'Restaurer' : 'Archiver'} — ${name}`}
            onClick={() => onArchive(!c.archived)}
            disabled={busy}
          >
            {c.archived ? 'Restaurer' : 'Archiver'}
          </button>
        </div>
      )}
    </li>
  );
}
