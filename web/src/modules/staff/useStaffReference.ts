// The staff nomenclatures (jobs, contract kinds, absence kinds), read once per page load.
import { useEffect, useState } from 'preact/hooks';
import { staffReference, type StaffReference } from '../../api/staff';

export function useStaffReference(): StaffReference | null {
  const [reference, setReference] = useState<StaffReference | null>(null);
  useEffect(() => {
    let live = true;
    staffReference().then(
      (r) => live && setReference(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return reference;
}
