import { BrickPage } from '../../ui/BrickPage';

export function SurveysPage() {
  return (
    <BrickPage
      title="Enquêtes"
      summary="Questionnaires et enquêtes de satisfaction auprès des usagers, des familles et des équipes, avec l'analyse des réponses."
    />
  );
}
