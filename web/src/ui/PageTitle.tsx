import { useEffect } from 'preact/hooks';

const PRODUCT = 'Passerelle';

/** The h1 of a page: focusable by script (focus moves there on navigation) and sets the document title. */
export function PageTitle({ children }: { children: string }) {
  useEffect(() => {
    document.title = children === PRODUCT ? PRODUCT : `${children} · ${PRODUCT}`;
  }, [children]);
  return (
    <h1 class="page-title" tabIndex={-1}>
      {children}
    </h1>
  );
}
