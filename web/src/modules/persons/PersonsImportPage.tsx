// « Importer un tableur des personnes accompagnées »: one line per person, with their admission when its
// date is filled; the identities arrive « provisoire »; likely duplicates stop the import unless the
// person importing confirms them (after checking the lines named).
import { useState } from 'preact/hooks';
import { importPersons } from '../../api/persons';
import { PageTitle } from '../../ui/PageTitle';
import { SpreadsheetImport } from '../../ui/SpreadsheetImport';

export function PersonsImportPage() {
  const [confirm, setConfirm] = useState(false);
  return (
    <article class="page">
      <p class="breadcrumb">
        <a href="/usagers">Usagers</a>
      </p>
      <PageTitle>Importer un tableur des personnes accompagnées</PageTitle>
      <p class="lead">
        Un fichier CSV ou XLSX, une ligne par personne (et par admission), avec une ligne d'en-tête. Les identités importées sont
        « provisoires » jusqu'au contrôle d'une pièce d'identité. Rien n'est enregistré avant « Valider l'import », et rien du tout si
        une ligne est erronée.
      </p>
      <SpreadsheetImport
        send={(input) => importPersons({ ...input, confirm_duplicates: confirm })}
        optionsKey={String(confirm)}
        options={
          <div class="checkbox">
            <input type="checkbox" id="import-doublons" checked={confirm} onChange={(e) => setConfirm(e.currentTarget.checked)} />
            <label for="import-doublons">J'ai vérifié les doublons probables signalés : les importer quand même</label>
          </div>
        }
        preview={(r) =>
          `${r.summary.persons_created} dossier(s) à créer, ${r.summary.persons_existing} personne(s) déjà connue(s), ` +
          `${r.summary.stays_created} admission(s) à enregistrer, ${r.summary.stays_unchanged} déjà enregistrée(s).`
        }
        done={(r) =>
          `Import enregistré : ${r.summary.persons_created} dossier(s) créé(s), ${r.summary.persons_existing} personne(s) déjà connue(s), ` +
          `${r.summary.stays_created} admission(s) enregistrée(s).`
        }
      />
    </article>
  );
}
