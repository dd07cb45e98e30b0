import uPlot from 'uplot';

/**
 * The Engagement view's charts, drawn by uPlot (in admin.js only: embed.js never imports
 * this). Colours come from the page's CSS custom properties, read when a chart is drawn, so
 * the light and dark themes both apply; `ChartBox` redraws when the scheme or the width changes.
 */

export interface Series {
  label: string;
  values: number[];
  /** A CSS custom property naming the colour, e.g. `--fn-accent`. */
  color: string;
  /** Which y scale (and axis) it is read against. */
  scale: string;
  kind: 'line' | 'bars';
  dash?: number[];
}

export interface ChartSpec {
  /** x values: seconds since the epoch (`time`) or plain numbers (hours of a day). */
  x: number[];
  time: boolean;
  series: Series[];
  /** The y scales in order: the first on the left, the second (if any) on the right. */
  scales: { id: string; label: string }[];
  /** How an x value is written on the axis when it is not a time. */
  xLabel?: (x: number) => string;
}

/** Counts have whole steps on the axes (never 0.5 comments). */
const INCRS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500].flatMap((n) => [n, n * 1e3, n * 1e6]).sort((a, b) => a - b);

/** 4,000,000 as "4M": the axis has room for a few characters. */
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

const css = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name).trim() || '#888';

function options(el: HTMLElement, spec: ChartSpec, width: number): uPlot.Options {
  const text = css(el, '--fn-muted');
  const grid = css(el, '--fn-border');
  const axis = (scale: string, label: string, side: number, showGrid: boolean): uPlot.Axis => ({
    scale, label, side, stroke: text, incrs: INCRS, values: (_u, splits) => splits.map((v) => compact.format(v)), grid: { show: showGrid, stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 },
    size: 56, labelSize: 18, font: '12px system-ui, sans-serif', labelFont: '12px system-ui, sans-serif',
  });
  const xAxis: uPlot.Axis = { stroke: text, grid: { show: false }, ticks: { stroke: grid, width: 1 }, font: '12px system-ui, sans-serif' };
  if (!spec.time && spec.xLabel) xAxis.values = (_u, splits) => splits.map((v) => spec.xLabel!(v));
  const bars = uPlot.paths.bars?.({ size: [0.7, 40] });
  return {
    width,
    height: 240,
    // Days are UTC, as the report counts them, whatever the moderator's time zone.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: spec.time },
      ...Object.fromEntries(spec.scales.map((s) => [s.id, { range: (_u: uPlot, _min: number, max: number) => [0, Math.max(1, max * 1.1)] as uPlot.Range.MinMax }])),
    },
    axes: [xAxis, ...spec.scales.map((s, i) => axis(s.id, s.label, i === 0 ? 3 : 1, i === 0))],
    series: [
      {},
      ...spec.series.map((s): uPlot.Series => {
        const color = css(el, s.color);
        return {
          label: s.label,
          scale: s.scale,
          stroke: color,
          width: s.kind === 'bars' && bars ? 0 : 2,
          ...(s.dash ? { dash: s.dash } : {}),
          ...(s.kind === 'bars' && bars ? { paths: bars, fill: color } : { points: { show: spec.x.length <= 40, size: 5, fill: color } }),
        };
      }),
    ],
  };
}

/**
 * One chart in a container element. The canvas is decoration for sighted readers: the
 * figures themselves are in the table beside it (`aria-hidden` here).
 */
export class ChartBox {
  private plot: uPlot | null = null;
  private spec: ChartSpec | null = null;
  private readonly resize = new ResizeObserver(() => this.fit());
  private readonly scheme = matchMedia('(prefers-color-scheme: dark)');
  private readonly onScheme = () => this.redraw();

  constructor(readonly box: HTMLElement) {
    box.setAttribute('aria-hidden', 'true');
    this.resize.observe(box);
    this.scheme.addEventListener('change', this.onScheme);
  }

  draw(spec: ChartSpec): void {
    this.spec = spec;
    this.redraw();
  }

  private width = () => Math.max(280, Math.floor(this.box.clientWidth));

  /** A new width keeps the chart and its data, resized. */
  private fit(): void {
    if (this.plot && this.plot.width !== this.width()) this.plot.setSize({ width: this.width(), height: 240 });
  }

  private redraw(): void {
    if (!this.spec) return;
    this.plot?.destroy();
    const data = [this.spec.x, ...this.spec.series.map((s) => s.values)] as uPlot.AlignedData;
    this.plot = new uPlot(options(this.box, this.spec, this.width()), data, this.box);
  }

  destroy(): void {
    this.resize.disconnect();
    this.scheme.removeEventListener('change', this.onScheme);
    this.plot?.destroy();
    this.plot = null;
  }
}
