// The events of the audit trail, one row each.
import type { Ref } from 'preact';
import type { AuditEvent } from '../../api/audit';
import { actionLabel, formatDateTime, objectLabel, outcomeLabel, reasonLabel, roleLabel } from './auditLabels';

function Subject({ event }: { event: AuditEvent }) {
  const detail = event.object_id ? reasonLabel(event.object_id) : '';
  return (
    <>
      {objectLabel(event.object_type)}
      {detail && <span class="audit__detail"> {detail}</span>}
      {event.person_id !== null && <span class="audit__detail"> · personne n° {event.person_id}</span>}
    </>
  );
}

interface Props {
  events: AuditEvent[];
  caption: string;
  regionRef?: Ref<HTMLDivElement>;
}

export function AuditTable({ events, caption, regionRef }: Props) {
  return (
    // A region that scrolls sideways on a narrow screen, and can be scrolled with the keyboard.
    <div class="table-wrap" role="region" aria-labelledby="trace-legende" tabIndex={0} ref={regionRef}>
      <table class="table audit" data-testid="audit-table">
        <caption id="trace-legende">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Compte</th>
            <th scope="col">Rôle</th>
            <th scope="col">Action</th>
            <th scope="col">Résultat</th>
            <th scope="col">Objet</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} data-event-id={event.id}>
              <th scope="row" class="audit__date">
                <time dateTime={event.at}>{formatDateTime(event.at)}</time>
              </th>
              <td>
                {event.account || '—'}
                {event.account_id !== null && <span class="audit__detail"> (n° {event.account_id})</span>}
              </td>
              <td>{roleLabel(event.role)}</td>
              <td>{actionLabel(event.action)}</td>
              <td>
                <span class={`outcome outcome--${event.outcome}`}>{outcomeLabel(event.outcome)}</span>
              </td>
              <td>
                <Subject event={event} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
