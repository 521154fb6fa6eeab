// « Capacités »: today's capacity, the chart of authorised places over time, the periods, and the form.
import { CapacityChart } from './CapacityChart';
import { CapacityForm } from './CapacityForm';
import { CapacityTable } from './CapacityTable';
import { CapacityToday } from './CapacityToday';
import type { TabProps } from './tabProps';

export function CapacitiesTab({ establishment, reference, canWrite, onChanged }: TabProps) {
  return (
    <>
      <h2 class="tab-title">Capacités</h2>
      <CapacityToday lines={establishment.capacity_today} reference={reference} />
      <CapacityChart periods={establishment.capacities} />
      <CapacityTable
        establishmentId={establishment.id}
        periods={establishment.capacities}
        reference={reference}
        canWrite={canWrite}
        onChanged={onChanged}
      />
      {canWrite && <CapacityForm establishmentId={establishment.id} reference={reference} onDone={onChanged} />}
    </>
  );
}
