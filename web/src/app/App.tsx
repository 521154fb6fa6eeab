import { useEffect } from 'preact/hooks';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { findRoute } from './routes';
import { useLinkInterception, useLocation } from './router';
import { focusMainHeading } from './focus';

export function App() {
  useLinkInterception();
  const { path, seq } = useLocation();
  const Page = findRoute(path)?.component;

  // After a navigation (not on the first load), bring keyboard and screen-reader users to the new page.
  useEffect(() => {
    if (seq > 0) focusMainHeading();
  }, [seq]);

  return <Layout path={path}>{Page ? <Page /> : <NotFoundPage path={path} />}</Layout>;
}
