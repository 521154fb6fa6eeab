import { BrickPage } from '../../ui/BrickPage';

export function CollaborationPage() {
  return (
    <BrickPage
      title="Collaboration"
      summary="Espace de travail partagé des équipes : transmissions, agenda, annonces et documents communs."
    />
  );
}
