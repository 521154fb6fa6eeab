// « Nouveau CPOM »: the contract's identity; once created, its page (objectives and sheets are added there).
import { createCpom } from '../../api/cpom';
import { navigate } from '../../app/router';
import { PageTitle } from '../../ui/PageTitle';
import { CpomForm } from './CpomForm';
import './cpom.css';

export function CpomCreatePage() {
  return (
    <article class="page">
      <p class="breadcrumb">
        <a href="/pilotage/cpom">CPOM</a>
      </p>
      <PageTitle>Nouveau CPOM</PageTitle>
      <CpomForm
        current={null}
        submitLabel="Créer le CPOM"
        save={async (input) => {
          const created = await createCpom(input);
          navigate(`/pilotage/cpom/${created.id}`);
        }}
      />
    </article>
  );
}
