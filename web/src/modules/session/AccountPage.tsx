// "Mon compte": who is signed in, with which roles, and the password change.
import { roleLabels } from '../../app/roleLabels';
import { useSession } from '../../app/SessionContext';
import { PageTitle } from '../../ui/PageTitle';
import { ChangePasswordForm } from './ChangePasswordForm';

export function AccountPage() {
  const { session } = useSession();
  return (
    <article class="page">
      <PageTitle>Mon compte</PageTitle>
      <dl class="facts">
        <dt>Nom</dt>
        <dd>{session.account.display_name}</dd>
        <dt>Adresse électronique</dt>
        <dd>{session.account.email}</dd>
        <dt>Rôle</dt>
        <dd>{roleLabels(session) || 'Aucun rôle attribué'}</dd>
        <dt>Double authentification</dt>
        <dd>{session.second_factor.enrolled ? 'Activée' : 'Non activée'}</dd>
      </dl>
      <p>
        <a href="/mon-compte/personnel">Ma fiche du personnel</a> (contrats et absences)
      </p>
      <ChangePasswordForm />
    </article>
  );
}
