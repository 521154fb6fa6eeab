import { PageTitle } from '../ui/PageTitle';

/** A page of a brick the account cannot open (typed address, old bookmark). */
export function ForbiddenPage() {
  return (
    <article class="page" data-testid="forbidden">
      <PageTitle>Accès non autorisé</PageTitle>
      <p class="lead">Votre compte ne donne pas accès à cette page.</p>
      <p>
        Si vous en avez besoin pour votre travail, adressez-vous à l'administrateur de Passerelle dans votre organisme.
      </p>
      <p>
        <a href="/">Revenir à l'accueil</a>
      </p>
    </article>
  );
}
