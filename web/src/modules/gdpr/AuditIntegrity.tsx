// "Vérifier l'intégrité": walks the hash chain of the trail on the server and tells whether it is intact.
import { useState } from 'preact/hooks';
import { verifyAudit, type AuditVerification } from '../../api/audit';
import { problemMessage } from '../../api/problems';

type State =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'done'; result: AuditVerification }
  | { kind: 'error'; message: string };

const plural = (n: number) => `${n.toLocaleString('fr-FR')} événement${n > 1 ? 's' : ''}`;

function Result({ result }: { result: AuditVerification }) {
  if (result.intact)
    return (
      <p class="alert alert--success">
        La trace est intacte : {plural(result.events_checked)} vérifié{result.events_checked > 1 ? 's' : ''}, aucune
        modification ni suppression détectée.
      </p>
    );
  return (
    <p class="alert alert--error">
      La trace a été altérée
      {result.first_broken_id !== null && <> à partir de l'événement n° {result.first_broken_id}</>}
      {result.reason && <> ({result.reason})</>} : {plural(result.events_checked)} examiné
      {result.events_checked > 1 ? 's' : ''}. Prévenez le responsable de la sécurité du système d'information.
    </p>
  );
}

export function AuditIntegrity() {
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function check() {
    setState({ kind: 'checking' });
    try {
      setState({ kind: 'done', result: await verifyAudit() });
    } catch (error) {
      setState({ kind: 'error', message: problemMessage(error) });
    }
  }

  return (
    <section class="panel integrity" aria-labelledby="integrite-titre">
      <h2 id="integrite-titre" class="panel__title">
        Intégrité de la trace
      </h2>
      <p>Chaque événement est chaîné au précédent : toute modification ou suppression se voit à la vérification.</p>
      <button type="button" class="button button--secondary" onClick={check} disabled={state.kind === 'checking'}>
        Vérifier l'intégrité
      </button>
      <div aria-live="polite" data-testid="audit-integrity">
        {state.kind === 'checking' && <p class="loading">Vérification en cours…</p>}
        {state.kind === 'done' && <Result result={state.result} />}
        {state.kind === 'error' && <p class="alert alert--error">Vérification impossible. {state.message}</p>}
      </div>
    </section>
  );
}
