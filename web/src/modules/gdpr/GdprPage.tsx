// The RGPD brick: the screens of the data protection officer.
import { PageTitle } from '../../ui/PageTitle';

export function GdprPage() {
  return (
    <article class="page">
      <PageTitle>RGPD</PageTitle>
      <p class="lead">
        Conformité au RGPD : registre des traitements, demandes d'exercice des droits, durées de conservation et journal
        des accès.
      </p>
      <ul class="cards">
        <li class="card">
          <h2 class="card__title">
            <a href="/rgpd/trace-des-acces">Trace des accès</a>
          </h2>
          <p>Qui a consulté ou modifié quoi, et quand ; export pour un contrôle et vérification de l'intégrité.</p>
        </li>
      </ul>
      <p class="notice">
        Le registre des traitements et le suivi des demandes d'exercice des droits sont en cours de construction : ils
        arriveront dans une prochaine version.
      </p>
    </article>
  );
}
