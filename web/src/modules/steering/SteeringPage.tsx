// « Pilotage » (/pilotage): the dashboards. Their code and ECharts are a chunk of their own, loaded when the page
// is opened, so that the other pages do not carry them. An account that sees only the CPOM (a funder) is taken
// to the CPOM.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Redirect } from '../../app/Redirect';
import { useSession } from '../../app/SessionContext';
import { PageTitle } from '../../ui/PageTitle';
import { SteeringNav } from './SteeringNav';

type State = { kind: 'loading' } | { kind: 'ready'; Page: ComponentType } | { kind: 'error' };

function LazyDashboard() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    import('./SteeringDashboard').then(
      (module) => live && setState({ kind: 'ready', Page: module.SteeringDashboard }),
      () => live && setState({ kind: 'error' }),
    );
    return () => {
      live = false;
    };
  }, []);
  if (state.kind === 'ready') return <state.Page />;
  if (state.kind === 'loading') return <p class="loading">Chargement du tableau de bord…</p>;
  return (
    <p class="alert alert--error" role="alert">
      Impossible de charger le tableau de bord. Vérifiez votre connexion puis rechargez la page.
    </p>
  );
}

export function SteeringPage() {
  const { session } = useSession();
  if (!session.bricks.includes('steering')) return <Redirect to="/pilotage/cpom" />;
  // The title and the brick's links stay in place while the dashboard loads (the focus may already be on the title).
  return (
    <article class="page page--wide dashboard">
      <PageTitle>Pilotage</PageTitle>
      <SteeringNav current="/pilotage" />
      <LazyDashboard />
    </article>
  );
}
