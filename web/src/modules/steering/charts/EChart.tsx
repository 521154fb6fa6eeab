// One ECharts chart in a Preact component: created when mounted, given each new option, resized with its box,
// disposed when unmounted. The canvas is an image for assistive technologies (role img, its label says what it
// shows); the figures are in the table under each chart.
import { useEffect, useRef } from 'preact/hooks';
import { createChart, type ChartOption, type ECharts } from './echarts';

interface Props {
  option: ChartOption;
  /** What the chart shows, in one sentence with its figures. */
  description: string;
  testId?: string;
  /** Extra class (the height of the chart). */
  class?: string;
}

export function EChart({ option, description, testId, class: extra }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const instance = createChart(element);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      class={['echart', extra ?? ''].filter(Boolean).join(' ')}
      role="img"
      aria-label={description}
      data-testid={testId}
    />
  );
}
