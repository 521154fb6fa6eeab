// The rows of the sheet form (actions, indicators) as the inputs hold them (text), and their conversion to the
// API's input. Rates are typed in percent and sent as fractions.
import type { ActionInput, Cpom, IndicatorInput, Sheet } from '../../api/cpom';
import { parseValue, valueText } from './format';

export interface ActionRow {
  key: string;
  id?: number;
  label: string;
  owner: string;
  means: string;
  establishment_ids: string[];
  start_date: string;
  deadline: string;
  status: string;
  progress: string;
}

export interface IndicatorRow {
  key: string;
  id?: number;
  label: string;
  unit: string;
  higher_is_better: boolean;
  initial_value: string;
  target_value: string;
  target_year: string;
  /** year → typed value */
  values: Record<string, string>;
  computed_id: string;
  computed_scope: string;
}

let counter = 0;
const newKey = () => `ligne-${++counter}`;

export function emptyAction(): ActionRow {
  return { key: newKey(), label: '', owner: '', means: '', establishment_ids: [], start_date: '', deadline: '', status: 'not_started', progress: '0' };
}

export function emptyIndicator(cpom: Cpom): IndicatorRow {
  return {
    key: newKey(),
    label: '',
    unit: 'number',
    higher_is_better: true,
    initial_value: '',
    target_value: '',
    target_year: cpom.end_date.slice(0, 4),
    values: {},
    computed_id: '',
    computed_scope: '',
  };
}

export function actionRows(sheet: Sheet | null): ActionRow[] {
  return (sheet?.actions ?? []).map((a) => ({
    key: newKey(),
    id: a.id,
    label: a.label,
    owner: a.owner ?? '',
    means: a.means ?? '',
    establishment_ids: a.establishment_ids.map(String),
    start_date: a.start_date ?? '',
    deadline: a.deadline,
    status: a.status,
    progress: String(a.progress),
  }));
}

export function indicatorRows(sheet: Sheet | null): IndicatorRow[] {
  return (sheet?.indicators ?? []).map((i) => ({
    key: newKey(),
    id: i.id,
    label: i.label,
    unit: i.unit,
    higher_is_better: i.higher_is_better,
    initial_value: valueText(i.initial_value, i.unit),
    target_value: valueText(i.target_value, i.unit),
    target_year: String(i.target_year),
    values: Object.fromEntries(i.values.map((v) => [String(v.year), valueText(v.value, i.unit)])),
    computed_id: i.computed_id ?? '',
    computed_scope: i.computed_scope ?? '',
  }));
}

/** The years of the contract, first to last. */
export function contractYears(cpom: Cpom): number[] {
  const first = Number(cpom.start_date.slice(0, 4));
  const last = Number(cpom.end_date.slice(0, 4));
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  return years;
}

export function actionInput(row: ActionRow): ActionInput {
  const progress = Number(row.progress);
  return {
    ...(row.id ? { id: row.id } : {}),
    label: row.label,
    owner: row.owner.trim() || null,
    means: row.means.trim() || null,
    establishment_ids: row.establishment_ids.map(Number),
    start_date: row.start_date || null,
    deadline: row.deadline,
    status: row.status,
    ...(row.progress.trim() !== '' && Number.isInteger(progress) ? { progress } : {}),
  };
}

/** The input, or the fields (relative to the row) whose number could not be read. */
export function indicatorInput(row: IndicatorRow): { input: IndicatorInput; invalid: string[] } {
  const invalid: string[] = [];
  const number = (text: string, field: string, optional: boolean): number | null => {
    if (optional && text.trim() === '') return null;
    const value = parseValue(text, row.unit);
    if (Number.isNaN(value)) invalid.push(field);
    return value;
  };
  const values = Object.entries(row.values)
    .filter(([, text]) => text.trim() !== '')
    .map(([year, text]) => ({ year: Number(year), value: number(text, `value-${year}`, false) ?? 0 }));
  const input: IndicatorInput = {
    ...(row.id ? { id: row.id } : {}),
    label: row.label,
    unit: row.unit,
    higher_is_better: row.higher_is_better,
    initial_value: number(row.initial_value, 'initial_value', true),
    target_value: number(row.target_value, 'target_value', false) ?? 0,
    target_year: Number(row.target_year),
    values,
    computed_id: row.computed_id || null,
    computed_scope: row.computed_id ? row.computed_scope || null : null,
  };
  return { input, invalid };
}
