import { BrickPage } from '../../ui/BrickPage';

export function GdprPage() {
  return (
    <BrickPage
      title="RGPD"
      summary="Conformité au RGPD : registre des traitements, demandes d'exercice des droits, durées de conservation et journal des accès."
    />
  );
}
