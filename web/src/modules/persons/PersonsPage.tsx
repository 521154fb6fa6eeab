import { BrickPage } from '../../ui/BrickPage';

export function PersonsPage() {
  return (
    <BrickPage
      title="Usagers"
      summary="Dossier des personnes accompagnées : identité, admissions, parcours, mesures et documents."
    />
  );
}
