import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@tabletap/ui/table";
import { useId } from "react";

export interface Bar {
  /** The bar's label under the axis (keep it short: "23", "Mon 3"). */
  label: string;
  /** The label in the data table and the bar's tooltip ("Monday 3 November"). */
  longLabel: string;
  value: number;
}

const HEIGHT = 180;
/** Room for one axis label, in viewBox units. */
const LABEL_WIDTH = 40;
const GAP = 3;

/**
 * A bar chart as plain SVG (attributes and theme classes only, no inline styles, so it renders
 * under the dashboard's Content-Security-Policy): `role="img"` named by `title` and a one-line
 * `summary`, each bar with its value as a tooltip, and the same figures as a table below
 * ("Show as table", unless `table` is false) for screen readers and exact values.
 */
export function BarChart({
  title,
  summary,
  bars,
  format,
  valueHeading,
  table = true,
  width = 720,
}: {
  title: string;
  summary: string;
  bars: Bar[];
  format: (value: number) => string;
  valueHeading: string;
  /** false when the caller shows the figures in a table of its own. */
  table?: boolean;
  /** The viewBox width: about the chart's width on screen in px, so its labels read at about 11 px. */
  width?: number;
}) {
  const id = useId();
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const slot = width / Math.max(1, bars.length);
  const labelEvery = Math.ceil(LABEL_WIDTH / slot);
  return (
    <figure className="flex flex-col gap-2">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${HEIGHT + 18}`}
        className="h-auto w-full overflow-visible"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <line x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} className="stroke-border" strokeWidth={1} />
        {bars.map((bar, index) => {
          const height = (bar.value / max) * (HEIGHT - 6);
          return (
            <g key={bar.longLabel}>
              <rect
                x={index * slot + GAP / 2}
                y={HEIGHT - height}
                width={Math.max(1, slot - GAP)}
                height={height}
                rx={2}
                className="fill-primary"
              >
                <title>{`${bar.longLabel}: ${format(bar.value)}`}</title>
              </rect>
              {index % labelEvery === 0 ? (
                <text
                  x={index * slot + slot / 2}
                  y={HEIGHT + 13}
                  textAnchor="middle"
                  className="fill-muted-foreground text-[11px]"
                >
                  {bar.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      {table ? (
        <details className="text-sm">
          <summary className="text-muted-foreground cursor-pointer">Show as table</summary>
          <Table className="mt-2">
            <TableCaption className="sr-only">{title}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>Period</TableHead>
                <TableHead className="text-right">{valueHeading}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {bars.map((bar) => (
                <TableRow key={bar.longLabel}>
                  <TableCell>{bar.longLabel}</TableCell>
                  <TableCell className="text-right tabular-nums">{format(bar.value)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </details>
      ) : null}
    </figure>
  );
}
