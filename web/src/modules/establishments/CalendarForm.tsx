// "Jours d'ouverture": for a kind of care and a year, either a number of days or the days of the week
// (closures are then taken off by the server).
import type { Reference } from '../../api/establishments';
import { setCalendar, type CalendarInput } from '../../api/establishmentParts';
import { CheckboxGroup } from '../../ui/CheckboxGroup';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { careModeLabel } from './labels';
import { useForm, type Errors } from './useForm';
import { WEEKDAYS, patternOf } from './weekdays';

interface Values {
  [field: string]: unknown;
  care_mode: string;
  year: string;
  method: 'days' | 'pattern';
  days_open: string;
  weekly_pattern: string[];
}

const IDS: Record<keyof Values & string, string> = {
  care_mode: 'calendrier-mode',
  year: 'calendrier-annee',
  method: 'calendrier-methode-jours',
  days_open: 'calendrier-jours',
  weekly_pattern: 'calendrier-semaine',
};

const empty = (): Values => ({
  care_mode: '',
  year: String(new Date().getFullYear()),
  method: 'pattern',
  days_open: '',
  weekly_pattern: ['0', '1', '2', '3', '4'],
});

function check(values: Values): Errors<Values> {
  const errors: Errors<Values> = {};
  if (!values.care_mode) errors.care_mode = "Choisissez le mode d'accueil.";
  if (!/^\d{4}$/.test(values.year.trim()) || Number(values.year) < 1990 || Number(values.year) > 2100)
    errors.year = 'Saisissez une année de 1990 à 2100.';
  if (values.method === 'days') {
    const n = values.days_open.trim();
    if (!/^\d+$/.test(n) || Number(n) > 366) errors.days_open = "Saisissez un nombre de jours d'ouverture de 0 à 366.";
  }
  return errors;
}

function input(values: Values): CalendarInput {
  const base = { care_mode: values.care_mode, year: Number(values.year.trim()) };
  return values.method === 'days'
    ? { ...base, days_open: Number(values.days_open.trim()) }
    : { ...base, weekly_pattern: patternOf(values.weekly_pattern) };
}

interface Props {
  establishmentId: number;
  reference: Reference;
  onDone: (message: string) => void;
}

export function CalendarForm({ establishmentId, reference, onDone }: Props) {
  const form = useForm<Values>(empty(), IDS);
  const { values, set, errors } = form;
  return (
    <section class="panel" aria-labelledby="calendrier-ajout-titre">
      <h3 id="calendrier-ajout-titre" class="panel__title">
        Définir les jours d'ouverture d'une année
      </h3>
      <FormAlert message={form.alert} testId="calendar-form-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="calendrier-ajout-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check,
            send: (v) => setCalendar(establishmentId, input(v)),
            done: (saved) => {
              onDone(
                `Calendrier ${saved.year} enregistré (${careModeLabel(reference, saved.care_mode)}) : ${saved.days_open ?? '—'} jours d'ouverture.`,
              );
            },
            failure: "Le calendrier n'a pas été enregistré.",
          });
        }}
      >
        <div class="form-grid">
          <SelectField
            id={IDS.care_mode}
            label="Mode d'accueil"
            emptyLabel="Choisir…"
            options={reference.care_modes.map((m) => ({ value: m.code, label: m.label }))}
            value={values.care_mode}
            onValue={set('care_mode')}
            error={errors.care_mode}
          />
          <TextField
            id={IDS.year}
            label="Année"
            inputMode="numeric"
            class="field--narrow"
            value={values.year}
            onValue={set('year')}
            error={errors.year}
          />
        </div>
        <fieldset class="field choices">
          <legend class="field__label">Jours d'ouverture donnés par</legend>
          <div class="choices__list choices__list--inline">
            <div class="checkbox">
              <input
                type="radio"
                id="calendrier-methode-semaine"
                name="calendrier-methode"
                checked={values.method === 'pattern'}
                onChange={() => set('method')('pattern')}
              />
              <label for="calendrier-methode-semaine">les jours de la semaine</label>
            </div>
            <div class="checkbox">
              <input
                type="radio"
                id={IDS.method}
                name="calendrier-methode"
                checked={values.method === 'days'}
                onChange={() => set('method')('days')}
              />
              <label for={IDS.method}>un nombre de jours dans l'année</label>
            </div>
          </div>
        </fieldset>
        {values.method === 'days' ? (
          <TextField
            id={IDS.days_open}
            label="Nombre de jours d'ouverture"
            inputMode="numeric"
            class="field--narrow"
            value={values.days_open}
            onValue={set('days_open')}
            error={errors.days_open}
          />
        ) : (
          <CheckboxGroup
            id={IDS.weekly_pattern}
            legend="Jours d'ouverture de la semaine"
            hint="Les fermetures déclarées plus bas sont retirées du compte."
            inline
            options={WEEKDAYS}
            values={values.weekly_pattern}
            onValues={set('weekly_pattern')}
            error={errors.weekly_pattern ?? errors.days_open}
          />
        )}
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Enregistrement…' : 'Enregistrer le calendrier'}
          </button>
        </div>
      </form>
    </section>
  );
}
