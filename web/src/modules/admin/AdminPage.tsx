import { BrickPage } from '../../ui/BrickPage';

export function AdminPage() {
  return (
    <BrickPage
      title="Administration"
      summary="Administration de la plateforme : comptes, rôles et habilitations, organisation et paramètres."
    />
  );
}
