// Forms whose fields are lists (goals and their actions, outcomes per goal): errors are kept per path as the
// server names them ("goals/1/actions/0/who"), each path being the input of id `${prefix}-goals-1-actions-0-who`.
import { useState } from 'preact/hooks';
import { fieldMessages, problemMessage } from '../../api/problems';
import { focusField } from '../../ui/focusField';
import { frenchDates } from '../establishments/format';

export type PathErrors = Record<string, string>;

export const pathId = (prefix: string, path: string) => `${prefix}-${path.replaceAll('/', '-')}`;

/**
 * `order` lists the paths of the form in the order of the page: the focus goes to the first one in error.
 * A server error naming a path the form does not have is said in the alert.
 */
export function usePathForm(prefix: string) {
  const [errors, setErrors] = useState<PathErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function show(found: PathErrors, order: readonly string[]): boolean {
    setErrors(found);
    const first = order.find((path) => found[path]);
    if (first) focusField(pathId(prefix, first));
    return first !== undefined;
  }

  async function submit<T>(options: {
    order: readonly string[];
    check: () => PathErrors;
    send: () => Promise<T>;
    done: (result: T) => void;
    failure: string;
  }) {
    setAlert(null);
    if (show(options.check(), options.order)) {
      setAlert(`${options.failure} Corrigez les erreurs signalées.`);
      return;
    }
    setBusy(true);
    try {
      const result = await options.send();
      setBusy(false);
      setErrors({});
      options.done(result);
    } catch (error) {
      setBusy(false);
      const known = new Set(options.order);
      const byPath: PathErrors = {};
      const others: string[] = [];
      for (const [field, message] of Object.entries(fieldMessages(error))) {
        if (known.has(field)) byPath[field] ??= frenchDates(message);
        else others.push(frenchDates(message));
      }
      const shown = show(byPath, options.order);
      const detail = shown ? 'Corrigez les erreurs signalées.' : frenchDates(problemMessage(error));
      setAlert([options.failure, detail, ...others].join(' '));
    }
  }

  const id = (path: string) => pathId(prefix, path);
  return { errors, setErrors, alert, setAlert, busy, submit, id };
}
