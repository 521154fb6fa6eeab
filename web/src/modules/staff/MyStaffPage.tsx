// « Ma fiche du personnel »: the record linked to the signed-in account (contracts and absences), read-only.
import { getJson } from '../../api/client';
import type { StaffMember } from '../../api/staff';
import { StaffRecord } from './StaffDetailPage';

const loadMine = (signal: AbortSignal) => getJson<StaffMember>('/api/v1/staff/mine', signal);

export function MyStaffPage() {
  return (
    <article class="page">
      <p class="breadcrumb">
        <a href="/mon-compte">Mon compte</a>
      </p>
      <StaffRecord load={loadMine} editable={false} />
    </article>
  );
}
