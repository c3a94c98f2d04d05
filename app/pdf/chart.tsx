import { G, Line, Rect, Svg, Text as SvgText } from "@react-pdf/renderer";
import { colours, FONT_FAMILY } from "./theme";

export interface Bar {
  label: string;
  value: number;
  /** What is printed at the end of the bar (a formatted amount or count). */
  display: string;
}

/**
 * A horizontal bar chart drawn as PDF vector graphics (no raster image), in one neutral colour:
 * briefs show where money and attention go, never a grade.
 */
export function BarChart({ bars, width = 480, title }: { bars: Bar[]; width?: number; title: string }) {
  const rowHeight = 18;
  const labelWidth = 130;
  const valueWidth = 90;
  const plotWidth = width - labelWidth - valueWidth;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const height = bars.length * rowHeight + 6;
  return (
    <Svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-label={title}>
      <Line x1={labelWidth} y1={0} x2={labelWidth} y2={height} stroke={colours.rule} strokeWidth={0.5} />
      {bars.map((b, i) => {
        const y = i * rowHeight + 3;
        const w = max > 0 ? Math.max(b.value > 0 ? 1 : 0, (b.value / max) * plotWidth) : 0;
        return (
          <G key={b.label}>
            <SvgText x={0} y={y + 11} style={{ fontSize: 8, fontFamily: FONT_FAMILY }} fill={colours.ink}>
              {b.label}
            </SvgText>
            <Rect x={labelWidth + 2} y={y + 2} width={w} height={rowHeight - 6} fill={colours.accent} />
            <SvgText x={labelWidth + 6 + w} y={y + 11} style={{ fontSize: 8, fontFamily: FONT_FAMILY }} fill={colours.muted}>
              {b.display}
            </SvgText>
          </G>
        );
      })}
    </Svg>
  );
}
