// The authorised places of each kind of care over a period, as step series: the number of places changes on
// the first day of a period and the day after its end. Days no period covers have no value (null).
import type { CapacityPeriod } from '../../api/establishments';

export interface Step {
  /** AAAA-MM-JJ: the value holds from this day on (until the next step or the end of the range). */
  date: string;
  /** Places on that day; null: no period of this kind of care covers it. */
  places: number | null;
}

export interface Series {
  careMode: string;
  label: string;
  steps: Step[];
}

function nextDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

const covers = (p: CapacityPeriod, day: string) => p.effective_from <= day && (p.effective_to === null || day <= p.effective_to);

/** The places of `status` ("authorised") per kind of care from `from` to `to` (both AAAA-MM-JJ, included). */
export function capacitySeries(periods: readonly CapacityPeriod[], status: string, from: string, to: string): Series[] {
  const byMode = new Map<string, CapacityPeriod[]>();
  for (const p of periods) {
    if (p.status !== status) continue;
    // Only the periods that cross the range.
    if (p.effective_from > to || (p.effective_to !== null && p.effective_to < from)) continue;
    byMode.set(p.care_mode, [...(byMode.get(p.care_mode) ?? []), p]);
  }
  const series: Series[] = [];
  for (const [careMode, list] of byMode) {
    const days = new Set<string>([from]);
    for (const p of list) {
      if (p.effective_from > from) days.add(p.effective_from);
      if (p.effective_to !== null && p.effective_to < to) days.add(nextDay(p.effective_to));
    }
    const steps: Step[] = [];
    for (const day of [...days].sort()) {
      const covering = list.filter((p) => covers(p, day));
      const places = covering.length === 0 ? null : covering.reduce((sum, p) => sum + p.places, 0);
      if (steps.length === 0 || steps[steps.length - 1]?.places !== places) steps.push({ date: day, places });
    }
    series.push({ careMode, label: list[0]?.care_mode_label ?? careMode, steps });
  }
  return series.sort((a, b) => a.careMode.localeCompare(b.careMode));
}

/** The steps that carry a value (the changes a reader is told about). */
export const valuedSteps = (series: Series) => series.steps.filter((s): s is Step & { places: number } => s.places !== null);
