// The form of an action sheet (creation and change): its operational objective, title, owner, description, then
// its actions (owner, establishments, means, start, deadline, status, progress) and indicators (initial value,
// target and target year, yearly values, link to a computed indicator). Rows are added and removed freely;
// the server keeps the history of every change.
import { useState } from 'preact/hooks';
import type { Cpom, CpomReference, Sheet, SheetInput } from '../../api/cpom';
import { fieldMessages, problemMessage, type FieldMessages } from '../../api/problems';
import { CheckboxGroup } from '../../ui/CheckboxGroup';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { errorOf } from './errors';
import {
  actionInput,
  actionRows,
  contractYears,
  emptyAction,
  emptyIndicator,
  indicatorInput,
  indicatorRows,
  type ActionRow,
  type IndicatorRow,
} from './sheetRows';

interface Props {
  cpom: Cpom;
  reference: CpomReference;
  current: Sheet | null;
  objectiveId?: number;
  submitLabel: string;
  save: (input: SheetInput) => Promise<void>;
  cancelHref: string;
}

function ActionFields({ row, index, cpom, reference, errors, change, remove }: {
  row: ActionRow; index: number; cpom: Cpom; reference: CpomReference; errors: FieldMessages;
  change: (row: ActionRow) => void; remove: () => void;
}) {
  const id = `action-${index}`;
  const e = (field: string) => errorOf(errors, `actions/${index}/${field}`);
  const set = <K extends keyof ActionRow>(key: K) => (value: ActionRow[K]) => change({ ...row, [key]: value });
  return (
    <fieldset class="cpom-row" data-testid="action-row">
      <legend>Action {index + 1}</legend>
      <TextField id={`${id}-libelle`} label="Action" value={row.label} onValue={set('label')} error={e('label') ?? e('id')} />
      <div class="cpom-fields">
        <TextField id={`${id}-pilote`} label="Responsable" value={row.owner} onValue={set('owner')} required={false} error={e('owner')} />
        <TextField id={`${id}-debut`} label="Début" type="date" value={row.start_date} onValue={set('start_date')} required={false} error={e('start_date')} />
        <TextField id={`${id}-echeance`} label="Échéance" type="date" value={row.deadline} onValue={set('deadline')} error={e('deadline')} />
        <SelectField
          id={`${id}-statut`}
          label="Statut"
          value={row.status}
          onValue={(status) => change({ ...row, status, progress: status === 'done' ? '100' : status === 'not_started' ? '0' : row.progress })}
          options={reference.action_statuses.map((s) => ({ value: s.code, label: s.label }))}
          error={e('status')}
        />
        <TextField id={`${id}-avancement`} label="Avancement (%)" inputMode="numeric" value={row.progress} onValue={set('progress')} error={e('progress')} />
      </div>
      <TextAreaField id={`${id}-moyens`} label="Moyens" rows={2} value={row.means} onValue={set('means')} required={false} error={e('means')} />
      <CheckboxGroup
        id={`${id}-etablissements`}
        legend="Établissements concernés"
        options={cpom.establishments.map((est) => ({ value: String(est.id), label: est.name }))}
        values={row.establishment_ids}
        onValues={set('establishment_ids')}
        error={e('establishment_ids')}
        required={false}
        inline
      />
      <button type="button" class="button button--secondary button--small" onClick={remove}>
        Retirer l'action {index + 1}
      </button>
    </fieldset>
  );
}

function IndicatorFields({ row, index, cpom, reference, errors, change, remove }: {
  row: IndicatorRow; index: number; cpom: Cpom; reference: CpomReference; errors: FieldMessages;
  change: (row: IndicatorRow) => void; remove: () => void;
}) {
  const id = `indicateur-${index}`;
  const e = (field: string) => errorOf(errors, `indicators/${index}/${field}`);
  const set = <K extends keyof IndicatorRow>(key: K) => (value: IndicatorRow[K]) => change({ ...row, [key]: value });
  const linked = reference.computed_indicators.find((c) => c.id === row.computed_id);
  const rate = row.unit === 'rate' ? ' (en %)' : '';
  return (
    <fieldset class="cpom-row" data-testid="indicator-row">
      <legend>Indicateur {index + 1}</legend>
      <TextField id={`${id}-libelle`} label="Indicateur" value={row.label} onValue={set('label')} error={e('label') ?? e('id')} />
      <div class="cpom-fields">
        <SelectField
          id={`${id}-calcule`}
          label="Indicateur calculé suivi"
          value={row.computed_id}
          onValue={(computed) => {
            const found = reference.computed_indicators.find((c) => c.id === computed);
            change({
              ...row,
              computed_id: computed,
              computed_scope: computed ? row.computed_scope || 'organisation' : '',
              ...(found ? { unit: found.unit, higher_is_better: found.higher_is_better } : {}),
            });
          }}
          options={reference.computed_indicators.map((c) => ({ value: c.id, label: `${c.id} — ${c.label}` }))}
          emptyLabel="Aucun (valeurs saisies)"
          required={false}
          hint="Lié, sa valeur actuelle est calculée à chaque lecture à partir des données enregistrées."
          error={e('computed_id')}
        />
        {row.computed_id && (
          <SelectField
            id={`${id}-perimetre`}
            label="Périmètre"
            value={row.computed_scope}
            onValue={set('computed_scope')}
            options={[
              { value: 'organisation', label: "L'organisme" },
              ...cpom.establishments.map((est) => ({ value: `establishment:${est.id}`, label: est.name })),
            ]}
            error={e('computed_scope')}
          />
        )}
        <SelectField
          id={`${id}-unite`}
          label="Unité"
          value={row.unit}
          onValue={set('unit')}
          options={reference.units.map((u) => ({ value: u.code, label: u.label }))}
          disabled={Boolean(linked)}
          error={e('unit')}
        />
        <SelectField
          id={`${id}-sens`}
          label="Sens"
          value={row.higher_is_better ? 'higher' : 'lower'}
          onValue={(v) => set('higher_is_better')(v === 'higher')}
          options={[
            { value: 'higher', label: 'Plus haut, mieux c’est' },
            { value: 'lower', label: 'Plus bas, mieux c’est' },
          ]}
          disabled={Boolean(linked)}
          error={e('higher_is_better')}
        />
      </div>
      <div class="cpom-fields">
        <TextField id={`${id}-initiale`} label={`Valeur initiale${rate}`} value={row.initial_value} onValue={set('initial_value')} required={false} error={e('initial_value')} />
        <TextField id={`${id}-cible`} label={`Cible${rate}`} value={row.target_value} onValue={set('target_value')} error={e('target_value')} />
        <SelectField
          id={`${id}-annee-cible`}
          label="Année de la cible"
          value={row.target_year}
          onValue={set('target_year')}
          options={contractYears(cpom).map((y) => ({ value: String(y), label: String(y) }))}
          error={e('target_year')}
        />
      </div>
      <div class="cpom-fields">
        {contractYears(cpom).map((year) => (
          <TextField
            key={year}
            id={`${id}-valeur-${year}`}
            label={`Valeur ${year}${rate}`}
            value={row.values[String(year)] ?? ''}
            onValue={(text) => change({ ...row, values: { ...row.values, [String(year)]: text } })}
            required={false}
            error={errors[`${id}-valeur-${year}`]}
            class="field--short"
          />
        ))}
      </div>
      {e('values') && <p class="field__error">{e('values')}</p>}
      <button type="button" class="button button--secondary button--small" onClick={remove}>
        Retirer l'indicateur {index + 1}
      </button>
    </fieldset>
  );
}

export function SheetForm({ cpom, reference, current, objectiveId, submitLabel, save, cancelHref }: Props) {
  const operational = (cpom.objectives ?? []).filter((o) => o.level === 'operational');
  const [objective, setObjective] = useState(String(current?.objective_id ?? objectiveId ?? ''));
  const [title, setTitle] = useState(current?.title ?? '');
  const [owner, setOwner] = useState(current?.owner ?? '');
  const [description, setDescription] = useState(current?.description ?? '');
  const [actions, setActions] = useState<ActionRow[]>(current ? actionRows(current) : [emptyAction()]);
  const [indicators, setIndicators] = useState<IndicatorRow[]>(indicatorRows(current));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const local: FieldMessages = {};
    const indicatorInputs = indicators.map((row, index) => {
      const { input, invalid } = indicatorInput(row);
      for (const field of invalid)
        local[field.startsWith('value-') ? `indicateur-${index}-valeur-${field.slice(6)}` : `indicators/${index}/${field}`] = 'Nombre attendu';
      return input;
    });
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setAlert('La fiche n’a pas été enregistrée : des valeurs ne sont pas des nombres.');
      return;
    }
    setBusy(true);
    try {
      await save({
        objective_id: Number(objective),
        title,
        owner: owner.trim() || null,
        description: description.trim() || null,
        actions: actions.map(actionInput),
        indicators: indicatorInputs,
      });
    } catch (e) {
      setBusy(false);
      setErrors(fieldMessages(e));
      setAlert(`La fiche n'a pas été enregistrée. ${problemMessage(e)}`);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="sheet-form" noValidate>
      <FormAlert message={alert} />
      <fieldset class="cpom-form">
        <legend>La fiche</legend>
        <SelectField
          id="fiche-objectif"
          label="Objectif opérationnel"
          value={objective}
          onValue={setObjective}
          options={operational.map((o) => ({ value: String(o.id), label: o.title }))}
          emptyLabel="Choisir…"
          error={errors.objective_id}
        />
        <TextField id="fiche-titre" label="Titre de la fiche" value={title} onValue={setTitle} error={errors.title} />
        <TextField id="fiche-pilote" label="Pilote de la fiche" value={owner} onValue={setOwner} required={false} error={errors.owner} />
        <TextAreaField id="fiche-description" label="Contexte et résultats attendus" value={description} onValue={setDescription} required={false} error={errors.description} />
      </fieldset>
      <fieldset class="cpom-form">
        <legend>Actions</legend>
        {actions.length === 0 && <p>Aucune action.</p>}
        {actions.map((row, index) => (
          <ActionFields
            key={row.key}
            row={row}
            index={index}
            cpom={cpom}
            reference={reference}
            errors={errors}
            change={(next) => setActions(actions.map((r) => (r.key === row.key ? next : r)))}
            remove={() => setActions(actions.filter((r) => r.key !== row.key))}
          />
        ))}
        <button type="button" class="button button--secondary" onClick={() => setActions([...actions, emptyAction()])}>
          Ajouter une action
        </button>
      </fieldset>
      <fieldset class="cpom-form">
        <legend>Indicateurs</legend>
        {indicators.length === 0 && <p>Aucun indicateur.</p>}
        {indicators.map((row, index) => (
          <IndicatorFields
            key={row.key}
            row={row}
            index={index}
            cpom={cpom}
            reference={reference}
            errors={errors}
            change={(next) => setIndicators(indicators.map((r) => (r.key === row.key ? next : r)))}
            remove={() => setIndicators(indicators.filter((r) => r.key !== row.key))}
          />
        ))}
        <button type="button" class="button button--secondary" onClick={() => setIndicators([...indicators, emptyIndicator(cpom)])}>
          Ajouter un indicateur
        </button>
      </fieldset>
      <p>
        <button type="submit" class="button" disabled={busy}>
          {submitLabel}
        </button>{' '}
        <a class="button button--secondary" href={cancelHref}>
          Annuler
        </a>
      </p>
    </form>
  );
}
