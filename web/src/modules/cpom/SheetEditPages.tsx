// « Nouvelle fiche action » (/pilotage/cpom/:id/fiches/nouvelle?objectif=…) and « Modifier la fiche »
// (/pilotage/cpom/:id/fiches/:sheet/modifier): the sheet form, then the sheet's page.
import { useEffect, useState } from 'preact/hooks';
import { createSheet, getCpom, getSheet, updateSheet, type Cpom, type Sheet } from '../../api/cpom';
import { problemMessage } from '../../api/problems';
import { navigate, useQuery } from '../../app/router';
import type { RouteProps } from '../../app/routes';
import { PageTitle } from '../../ui/PageTitle';
import { SheetForm } from './SheetForm';
import { useCpomReference } from './useCpomReference';
import './cpom.css';

function useSheetData(cpomId: number, sheetId: number | null) {
  const [cpom, setCpom] = useState<Cpom | null>(null);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    Promise.all([getCpom(cpomId, controller.signal), sheetId ? getSheet(cpomId, sheetId, controller.signal) : Promise.resolve(null)]).then(
      ([c, s]) => {
        setCpom(c);
        setSheet(s);
      },
      (e: unknown) => !controller.signal.aborted && setError(problemMessage(e)),
    );
    return () => controller.abort();
  }, [cpomId, sheetId]);
  return { cpom, sheet, error };
}

export function SheetCreatePage({ params }: RouteProps) {
  const cpomId = Number(params.id);
  const query = new URLSearchParams(useQuery());
  const objective = Number(query.get('objectif')) || undefined;
  const reference = useCpomReference();
  const { cpom, error } = useSheetData(cpomId, null);
  return (
    <article class="page page--wide">
      <p class="breadcrumb">
        <a href={`/pilotage/cpom/${cpomId}`}>{cpom?.name ?? 'CPOM'}</a>
      </p>
      <PageTitle>Nouvelle fiche action</PageTitle>
      {error && (
        <p class="alert alert--error" role="alert">
          {error}
        </p>
      )}
      {(!cpom || !reference) && !error && <p class="loading">Chargement…</p>}
      {cpom && reference && (
        <SheetForm
          cpom={cpom}
          reference={reference}
          current={null}
          objectiveId={objective}
          submitLabel="Créer la fiche"
          cancelHref={`/pilotage/cpom/${cpomId}`}
          save={async (input) => {
            const created = await createSheet(cpomId, input);
            navigate(`/pilotage/cpom/${cpomId}/fiches/${created.id}`);
          }}
        />
      )}
    </article>
  );
}

export function SheetEditPage({ params }: RouteProps) {
  const cpomId = Number(params.id);
  const sheetId = Number(params.sheet);
  const reference = useCpomReference();
  const { cpom, sheet, error } = useSheetData(cpomId, sheetId);
  return (
    <article class="page page--wide">
      <p class="breadcrumb">
        <a href={`/pilotage/cpom/${cpomId}/fiches/${sheetId}`}>{sheet?.title ?? 'Fiche action'}</a>
      </p>
      <PageTitle>Modifier la fiche action</PageTitle>
      {error && (
        <p class="alert alert--error" role="alert">
          {error}
        </p>
      )}
      {(!cpom || !sheet || !reference) && !error && <p class="loading">Chargement…</p>}
      {cpom && sheet && reference && (
        <SheetForm
          cpom={cpom}
          reference={reference}
          current={sheet}
          submitLabel="Enregistrer la fiche"
          cancelHref={`/pilotage/cpom/${cpomId}/fiches/${sheetId}`}
          save={async (input) => {
            await updateSheet(cpomId, sheetId, input);
            navigate(`/pilotage/cpom/${cpomId}/fiches/${sheetId}`);
          }}
        />
      )}
    </article>
  );
}
