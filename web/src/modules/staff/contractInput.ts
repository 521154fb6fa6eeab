import type { ContractInput } from '../../api/staff';
import type { ContractValues } from './ContractFields';
import { fractionFromPercent } from './format';

export function contractInput(values: ContractValues): ContractInput {
  return {
    establishment_id: Number(values.establishment_id) || 0,
    kind: values.kind,
    ...(values.kind === 'fixed_term' && values.fixed_term_reason ? { fixed_term_reason: values.fixed_term_reason } : {}),
    start_date: values.start_date,
    ...(values.end_date ? { end_date: values.end_date } : {}),
    working_time: fractionFromPercent(values.working_time),
  };
}
