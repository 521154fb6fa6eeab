import { Redirect } from '../app/Redirect';
import { useSession } from '../app/SessionContext';
import { seesOnlyCpom } from '../modules/cpom/access';
import { canWriteEstablishment } from '../modules/establishments/access';
import { RenewalAlertsPanel } from '../modules/establishments/RenewalAlertsPanel';
import { PageTitle } from '../ui/PageTitle';
import { HealthPanel } from './HealthPanel';

export function HomePage() {
  const { session } = useSession();
  // An account that sees only the CPOM (a funder, external reader) has nothing else here: its contracts.
  if (seesOnlyCpom(session)) return <Redirect to="/pilotage/cpom" />;
  // The renewals concern those who manage the establishments (platform, organisation administrator, directors).
  const renewals = session.bricks.includes('establishments') && canWriteEstablishment(session);
  return (
    <article class="page">
      <PageTitle>Passerelle</PageTitle>
      <p class="lead">
        Passerelle est le système d'information libre des organismes sociaux et médico-sociaux : établissements et
        services, personnes accompagnées, pilotage de l'activité, enquêtes, travail en équipe et conformité au RGPD,
        réunis dans un même outil.
      </p>
      {renewals && <RenewalAlertsPanel />}
      <HealthPanel />
    </article>
  );
}
