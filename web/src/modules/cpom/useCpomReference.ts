import { useEffect, useState } from 'preact/hooks';
import { cpomReference, type CpomReference } from '../../api/cpom';

/** The CPOM's lists (statuses, units, funders, computed indicators), once loaded. */
export function useCpomReference(): CpomReference | null {
  const [reference, setReference] = useState<CpomReference | null>(null);
  useEffect(() => {
    let live = true;
    cpomReference().then(
      (r) => live && setReference(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return reference;
}
