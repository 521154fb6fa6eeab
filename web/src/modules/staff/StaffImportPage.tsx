// « Importer un tableur du personnel »: one line per contract; an unknown job title names its line.
import { importStaff } from '../../api/staff';
import { PageTitle } from '../../ui/PageTitle';
import { SpreadsheetImport } from '../../ui/SpreadsheetImport';

export function StaffImportPage() {
  return (
    <article class="page">
      <p class="breadcrumb">
        <a href="/personnel">Personnel</a>
      </p>
      <PageTitle>Importer un tableur du personnel</PageTitle>
      <p class="lead">
        Un fichier CSV ou XLSX, une ligne par contrat, avec une ligne d'en-tête. Rien n'est enregistré avant « Valider l'import », et
        rien du tout si une ligne est erronée.
      </p>
      <SpreadsheetImport
        send={importStaff}
        preview={(r) =>
          `${r.summary.members_created} fiche(s) à créer, ${r.summary.contracts_created} contrat(s) à créer, ${r.summary.unchanged} ligne(s) déjà connue(s).`
        }
        done={(r) =>
          `Import enregistré : ${r.summary.members_created} fiche(s) créée(s), ${r.summary.contracts_created} contrat(s) créé(s), ${r.summary.unchanged} ligne(s) déjà connue(s).`
        }
      />
    </article>
  );
}
