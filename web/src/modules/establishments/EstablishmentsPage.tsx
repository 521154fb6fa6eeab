import { BrickPage } from '../../ui/BrickPage';

export function EstablishmentsPage() {
  return (
    <BrickPage
      title="Établissements"
      summary="Référentiel des établissements et services : FINESS, catégories, places, autorisations."
    />
  );
}
