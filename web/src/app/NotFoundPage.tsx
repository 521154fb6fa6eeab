import { PageTitle } from '../ui/PageTitle';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <article class="page">
      <PageTitle>Page introuvable</PageTitle>
      <p class="lead">
        L'adresse «{'\u00a0'}
        {path}
        {'\u00a0'}» ne correspond à aucune page de Passerelle.
      </p>
      <p>
        <a href="/">Revenir à l'accueil</a>
      </p>
    </article>
  );
}
