// "État du service": what GET /healthz says about the server and its database.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { backendLabel, fetchHealth, type Health } from '../api/health';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; health: Health }
  | { kind: 'error'; message: string };

function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message.replace(/\.$/, '');
  return 'Erreur inattendue';
}

function HealthReport({ health }: { health: Health }) {
  const serviceOk = health.status === 'ok';
  const databaseOk = health.database === 'ok';
  return (
    <>
      {!serviceOk && (
        <p class="health__problem" role="alert">
          Le service signale un problème (état « {health.status} »).
        </p>
      )}
      <ul class="health__list">
        <li class={serviceOk ? 'is-ok' : 'is-error'}>
          Service : {serviceOk ? 'opérationnel' : 'en anomalie'}
        </li>
        <li class={databaseOk ? 'is-ok' : 'is-error'}>
          Base de données : {backendLabel(health.backend)} — {databaseOk ? 'opérationnelle' : 'indisponible'}
        </li>
      </ul>
      {health.version && <p class="health__meta">Version {health.version}</p>}
    </>
  );
}

export function HealthPanel() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    fetchHealth(controller.signal).then(
      (health) => setState({ kind: 'ready', health }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'error', message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const dataState =
    state.kind === 'ready' ? (state.health.status === 'ok' && state.health.database === 'ok' ? 'ok' : 'degraded') : state.kind;

  return (
    <section class="panel health" data-testid="health" data-state={dataState} aria-labelledby="health-title">
      <h2 id="health-title" class="panel__title">
        État du service
      </h2>
      <div aria-live="polite">
        {state.kind === 'loading' && <p class="health__loading">Vérification…</p>}
        {state.kind === 'ready' && <HealthReport health={state.health} />}
        {state.kind === 'error' && (
          <>
            <p class="health__problem" role="alert">
              Impossible de vérifier l'état du service. {state.message}.
            </p>
            <button type="button" class="button" onClick={retry}>
              Réessayer
            </button>
          </>
        )}
      </div>
    </section>
  );
}
