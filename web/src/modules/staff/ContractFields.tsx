// The fields of a contract: establishment, kind (with the reason of a fixed-term contract), dates, working
// time in percent of full time. Errors are the server's, named `${prefix}field`.
import type { StaffReference } from '../../api/staff';
import type { FieldMessages } from '../../api/problems';
import { SelectField, type SelectOption } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';

export interface ContractValues {
  establishment_id: string;
  kind: string;
  fixed_term_reason: string;
  start_date: string;
  end_date: string;
  working_time: string;
}

export const EMPTY_CONTRACT: ContractValues = {
  establishment_id: '',
  kind: 'permanent',
  fixed_term_reason: '',
  start_date: '',
  end_date: '',
  working_time: '100',
};

interface Props {
  idPrefix: string;
  values: ContractValues;
  onChange: (values: ContractValues) => void;
  reference: StaffReference;
  establishments: readonly SelectOption[];
  errors: FieldMessages;
  errorPrefix?: string;
}

export function ContractFields({ idPrefix, values, onChange, reference, establishments, errors, errorPrefix = '' }: Props) {
  const set = (key: keyof ContractValues) => (value: string) => onChange({ ...values, [key]: value });
  const error = (field: string) => errors[errorPrefix + field];
  return (
    <>
      <SelectField
        id={`${idPrefix}-etablissement`}
        label="Établissement"
        value={values.establishment_id}
        onValue={set('establishment_id')}
        options={establishments}
        emptyLabel="Choisir…"
        error={error('establishment_id')}
      />
      <SelectField
        id={`${idPrefix}-type`}
        label="Type de contrat"
        value={values.kind}
        onValue={set('kind')}
        options={reference.contract_kinds.map((k) => ({ value: k.code, label: k.label }))}
        error={error('kind')}
      />
      {values.kind === 'fixed_term' && (
        <SelectField
          id={`${idPrefix}-motif`}
          label="Motif du CDD"
          value={values.fixed_term_reason}
          onValue={set('fixed_term_reason')}
          options={reference.fixed_term_reasons.map((k) => ({ value: k.code, label: k.label }))}
          emptyLabel="Choisir…"
          error={error('fixed_term_reason')}
        />
      )}
      <TextField id={`${idPrefix}-debut`} label="Date de début" type="date" value={values.start_date} onValue={set('start_date')} error={error('start_date')} />
      <TextField
        id={`${idPrefix}-fin`}
        label="Date de fin"
        type="date"
        value={values.end_date}
        onValue={set('end_date')}
        required={values.kind === 'fixed_term'}
        hint={values.kind === 'fixed_term' ? 'Obligatoire pour un CDD.' : undefined}
        error={error('end_date')}
      />
      <TextField
        id={`${idPrefix}-temps`}
        label="Temps de travail (% d'un temps plein)"
        inputMode="numeric"
        value={values.working_time}
        onValue={set('working_time')}
        hint="100 pour un temps plein, 50 pour un mi-temps."
        error={error('working_time')}
      />
    </>
  );
}
