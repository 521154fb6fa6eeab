import { PageTitle } from '../ui/PageTitle';
import { HealthPanel } from './HealthPanel';

export function HomePage() {
  return (
    <article class="page">
      <PageTitle>Passerelle</PageTitle>
      <p class="lead">
        Passerelle est le système d'information libre des organismes sociaux et médico-sociaux : établissements et
        services, personnes accompagnées, pilotage de l'activité, enquêtes, travail en équipe et conformité au RGPD,
        réunis dans un même outil.
      </p>
      <HealthPanel />
    </article>
  );
}
