// The state of a form of the brick: values, errors per field, alert, busy flag; the submission checks the
// values, sends them, and shows the server's problem+json errors next to their fields (errors[].field,
// "publics/0" being the field "publics"), the focus going to the first field in error.
import { useState } from 'preact/hooks';
import { fieldMessages, problemMessage } from '../../api/problems';
import { focusField } from '../../ui/focusField';
import { frenchDates } from './format';

export type Errors<V> = Partial<Record<keyof V & string, string>>;

interface Submission<V, T> {
  /** Problems found before sending, per field. */
  check: (values: V) => Errors<V>;
  send: (values: V) => Promise<T>;
  done: (result: T) => void;
  /** Said in the alert region when the server refuses: "L'établissement n'a pas été créé." */
  failure: string;
}

/**
 * `ids` maps each field to the id of its input (the first checkbox of a group), in the order of the form:
 * the focus goes to the first field in error in that order.
 */
export function useForm<V extends Record<string, unknown>>(initial: V, ids: Record<keyof V & string, string>) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Errors<V>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set =
    <K extends keyof V & string>(field: K) =>
    (value: V[K]) =>
      setValues((current) => ({ ...current, [field]: value }));

  function show(found: Errors<V>) {
    setErrors(found);
    const first = (Object.keys(ids) as (keyof V & string)[]).find((field) => found[field]);
    if (first) focusField(ids[first]);
    return first !== undefined;
  }

  async function submit<T>({ check, send, done, failure }: Submission<V, T>) {
    setAlert(null);
    if (show(check(values))) {
      setAlert(`${failure} Corrigez les erreurs signalées.`);
      return;
    }
    setBusy(true);
    try {
      const result = await send(values);
      setBusy(false);
      setErrors({});
      done(result);
    } catch (error) {
      setBusy(false);
      const byField: Errors<V> = {};
      const others: string[] = [];
      for (const [field, message] of Object.entries(fieldMessages(error))) {
        const name = field.split('/')[0] as keyof V & string;
        if (name in ids) byField[name] ??= frenchDates(message);
        else others.push(frenchDates(message));
      }
      const shown = show(byField);
      const detail = shown ? 'Corrigez les erreurs signalées.' : frenchDates(problemMessage(error));
      setAlert([failure, detail, ...others].join(' '));
    }
  }

  function reset(next: V = initial) {
    setValues(next);
    setErrors({});
    setAlert(null);
  }

  return { values, set, setValues, errors, setErrors, alert, busy, submit, reset };
}
