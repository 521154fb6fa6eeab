// Client-side routing on the History API. Links stay real <a href> elements: a click on a same-origin
// link is intercepted and turned into history.pushState; back and forward arrive as popstate.
import { useEffect, useState } from 'preact/hooks';

const NAVIGATE_EVENT = 'passerelle:navigate';

/** Paths the server answers itself (API, health): links to them are loaded by the browser. */
const SERVER_PATHS = [/^\/api(\/|$)/, /^\/healthz$/];

/** '/usagers/' and '/usagers' are the same page. */
export function normalizePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function currentPath(): string {
  return normalizePath(window.location.pathname);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const same = url.href === window.location.href;
  if (options.replace || same) window.history.replaceState(null, '', url.href);
  else window.history.pushState(null, '', url.href);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export interface Location {
  path: string;
  /** Number of navigations since the page was loaded (0 on the first render). */
  seq: number;
}

/** The current path, updated on every navigation (links, navigate(), back and forward). */
export function useLocation(): Location {
  const [location, setLocation] = useState<Location>(() => ({ path: currentPath(), seq: 0 }));
  useEffect(() => {
    const update = () => setLocation((previous) => ({ path: currentPath(), seq: previous.seq + 1 }));
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return location;
}

function onDocumentClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.target instanceof Element ? event.target.closest('a') : null;
  if (!anchor || !anchor.hasAttribute('href') || anchor.hasAttribute('download')) return;
  if (anchor.target && anchor.target !== '_self') return;
  const url = new URL(anchor.href);
  if (url.origin !== window.location.origin) return;
  if (SERVER_PATHS.some((re) => re.test(url.pathname))) return;
  // An anchor within the current page: leave it to the browser.
  if (url.hash && url.pathname === window.location.pathname && url.search === window.location.search) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

/** Intercepts clicks on same-origin links (Enter on a focused link is a click too). */
export function useLinkInterception(): void {
  useEffect(() => {
    document.addEventListener('click', onDocumentClick);
    return () => document.removeEventListener('click', onDocumentClick);
  }, []);
}

const QUERY_EVENT = 'passerelle:query';

function currentQuery(): string {
  return window.location.search;
}

/**
 * Replaces the query string of the current address (filters, selected tab) without a new history entry and
 * without a navigation: the page stays as it is (the focus too), only the pages reading useQuery() update.
 */
export function replaceQuery(params: URLSearchParams): void {
  const text = params.toString();
  const next = window.location.pathname + (text ? `?${text}` : '') + window.location.hash;
  if (next === window.location.pathname + window.location.search + window.location.hash) return;
  window.history.replaceState(window.history.state, '', next);
  window.dispatchEvent(new Event(QUERY_EVENT));
}

/** The query string of the address (with its "?"), updated on navigation, back and forward, and replaceQuery(). */
export function useQuery(): string {
  const [query, setQuery] = useState(currentQuery);
  useEffect(() => {
    const update = () => setQuery(currentQuery());
    for (const name of ['popstate', NAVIGATE_EVENT, QUERY_EVENT]) window.addEventListener(name, update);
    return () => {
      for (const name of ['popstate', NAVIGATE_EVENT, QUERY_EVENT]) window.removeEventListener(name, update);
    };
  }, []);
  return query;
}
