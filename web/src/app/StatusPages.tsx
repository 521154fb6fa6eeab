// What is shown before the session is known, or when the server cannot tell.
import { PageTitle } from '../ui/PageTitle';

export function LoadingPage() {
  return (
    <article class="page" aria-busy="true">
      <p class="loading" role="status">
        Chargement de Passerelle…
      </p>
    </article>
  );
}

export function UnavailablePage({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <article class="page">
      <PageTitle>Service indisponible</PageTitle>
      <p class="alert alert--error" role="alert">
        Impossible de vérifier votre session. {message}
      </p>
      <button type="button" class="button" onClick={onRetry}>
        Réessayer
      </button>
    </article>
  );
}
