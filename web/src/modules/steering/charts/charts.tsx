// The four charts of a dashboard (contract: "charts" of GET /api/v1/dashboards/{scope}): a rate by month
// (occupancy, absenteeism), admissions and discharges by month, and an age pyramid (women on the left, men on
// the right). A month without data is a gap in the line and "Pas de données" in the table, never 0 %.
import { useMemo } from 'preact/hooks';
import type { MonthlyMovements, MonthlyRate, PyramidBand } from '../../../api/steering';
import { formatNumber, formatValue, longMonth, shortMonth } from '../format';
import { ChartFigure } from './ChartFigure';
import { COLOURS, tooltip, type ChartOption } from './echarts';

const AXIS_TEXT = { color: COLOURS.text, fontSize: 12 };
const SPLIT_LINE = { lineStyle: { color: COLOURS.grid } };
const percent = (value: number) => `${formatNumber(Math.round(value * 10) / 10)} %`;

const asNumber = (value: unknown) => (typeof value === 'number' ? value : Array.isArray(value) ? Number(value[1]) : NaN);

interface RateProps {
  id: string;
  title: string;
  seriesName: string;
  rows: readonly MonthlyRate[];
}

/** A rate by month (a line; a month without data is a gap). */
export function MonthlyRateChart({ id, title, seriesName, rows }: RateProps) {
  const option = useMemo<ChartOption | null>(() => {
    if (!rows.some((row) => row.value !== null)) return null;
    return {
      animation: false,
      grid: { left: 16, right: 16, top: 24, bottom: 8 },
      tooltip: tooltip((v) => (Number.isFinite(asNumber(v)) ? percent(asNumber(v)) : 'pas de données')),
      xAxis: { type: 'category', data: rows.map((row) => shortMonth(row.month)), axisLabel: AXIS_TEXT },
      yAxis: { type: 'value', min: 0, axisLabel: { ...AXIS_TEXT, formatter: '{value} %' }, splitLine: SPLIT_LINE },
      series: [
        {
          name: seriesName,
          type: 'line',
          data: rows.map((row) => (row.value === null ? null : Math.round(row.value * 1000) / 10)),
          connectNulls: false,
          symbolSize: 7,
          itemStyle: { color: COLOURS.primary },
          lineStyle: { color: COLOURS.primary, width: 2 },
        },
      ],
    };
  }, [rows, seriesName]);
  const table = {
    caption: title,
    columns: ['Mois', seriesName],
    rows: rows.map((row) => [longMonth(row.month), formatValue(row.value, 'rate')]),
  };
  return <ChartFigure id={id} title={title} option={option} table={table} />;
}

/** Admissions and discharges by month (bars side by side). */
export function MovementsChart({ rows }: { rows: readonly MonthlyMovements[] }) {
  const option = useMemo<ChartOption | null>(() => {
    if (rows.length === 0) return null;
    return {
      animation: false,
      grid: { left: 16, right: 16, top: 40, bottom: 8 },
      legend: { top: 0, textStyle: AXIS_TEXT },
      tooltip: tooltip((v) => formatNumber(asNumber(v))),
      xAxis: { type: 'category', data: rows.map((row) => shortMonth(row.month)), axisLabel: AXIS_TEXT },
      yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_TEXT, splitLine: SPLIT_LINE },
      series: [
        { name: 'Admissions', type: 'bar', data: rows.map((row) => row.admissions), itemStyle: { color: COLOURS.primary } },
        {
          name: 'Sorties',
          type: 'bar',
          data: rows.map((row) => row.discharges),
          itemStyle: { color: COLOURS.secondary, decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 3] } },
        },
      ],
    };
  }, [rows]);
  const table = {
    caption: 'Admissions et sorties par mois',
    columns: ['Mois', 'Admissions', 'Sorties'],
    rows: rows.map((row) => [longMonth(row.month), formatNumber(row.admissions), formatNumber(row.discharges)]),
  };
  return <ChartFigure id="mouvements" title="Admissions et sorties par mois" option={option} table={table} />;
}

/** A round step (1, 2 or 5 × 10ⁿ) giving about three ticks on each side of 0, and the end of the axis. */
export function symmetricScale(largest: number): { step: number; top: number } {
  const rough = Math.max(largest / 3, 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((f) => f * power).find((s) => s >= rough) ?? 10 * power;
  return { step, top: Math.ceil(largest / step) * step };
}

interface PyramidProps {
  id: string;
  title: string;
  bands: readonly PyramidBand[];
  /** "personnes", "professionnels" */
  noun: string;
}

/** An age pyramid: one bar per band, women to the left, men to the right. */
export function AgePyramid({ id, title, bands, noun }: PyramidProps) {
  const total = bands.reduce((sum, band) => sum + band.F + band.M + (band.unknown ?? 0), 0);
  const unknown = bands.reduce((sum, band) => sum + (band.unknown ?? 0), 0);
  const option = useMemo<ChartOption | null>(() => {
    if (!bands.some((band) => band.F + band.M > 0)) return null;
    const { step, top } = symmetricScale(Math.max(...bands.map((band) => Math.max(band.F, band.M)), 1));
    return {
      animation: false,
      grid: { left: 16, right: 16, top: 40, bottom: 8 },
      legend: { top: 0, textStyle: AXIS_TEXT },
      tooltip: { ...tooltip((v) => formatNumber(Math.abs(asNumber(v)))), axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'value',
        min: -top,
        max: top,
        interval: step,
        axisLabel: { ...AXIS_TEXT, formatter: (value: number) => formatNumber(Math.abs(value)) },
        splitLine: SPLIT_LINE,
      },
      yAxis: { type: 'category', data: bands.map((band) => band.label), axisLabel: AXIS_TEXT, axisTick: { show: false } },
      series: [
        {
          name: 'Femmes',
          type: 'bar',
          stack: 'pyramide',
          data: bands.map((band) => -band.F),
          itemStyle: { color: COLOURS.women },
        },
        { name: 'Hommes', type: 'bar', stack: 'pyramide', data: bands.map((band) => band.M), itemStyle: { color: COLOURS.men } },
      ],
    };
  }, [bands]);
  const withUnknown = unknown > 0;
  const table = {
    caption: title,
    columns: ["Tranche d'âge", 'Femmes', 'Hommes', ...(withUnknown ? ['Sexe non renseigné'] : []), 'Total'],
    rows: bands.map((band) => [
      band.label,
      formatNumber(band.F),
      formatNumber(band.M),
      ...(withUnknown ? [formatNumber(band.unknown ?? 0)] : []),
      formatNumber(band.F + band.M + (band.unknown ?? 0)),
    ]),
  };
  return (
    <ChartFigure id={id} title={title} option={option} table={table} tall empty={`Aucune donnée d'âge sur cette période.`}>
      {total > 0 && (
        <p class="dashboard-chart__note">
          {formatNumber(total)} {noun}
          {withUnknown ? `, dont ${formatNumber(unknown)} dont le sexe n'est pas renseigné (hors graphique)` : ''}.
        </p>
      )}
    </ChartFigure>
  );
}
