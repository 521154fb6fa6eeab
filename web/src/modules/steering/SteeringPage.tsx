import { BrickPage } from '../../ui/BrickPage';

export function SteeringPage() {
  return (
    <BrickPage
      title="Pilotage"
      summary="Tableaux de bord et indicateurs d'activité : taux d'occupation, file active, rapports d'activité."
    />
  );
}
