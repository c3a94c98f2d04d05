import { useTranslation } from "react-i18next";
import { CONTINUUM_STAGES, PILLARS, type ContinuumStage, type Pillar } from "~/domain/vocabulary";

/** One finished self-assessment as a point of the journey: its date (already formatted) and the stage per pillar. */
export interface JourneyPointView {
  id: string;
  date: string;
  stages: Record<Pillar, ContinuumStage | null>;
}

const WIDTH = 360;
const HEIGHT = 165;
const LEFT = 110;
const RIGHT = 16;
const TOP = 30;
const BOTTOM = 30;

function y(stage: ContinuumStage) {
  const i = CONTINUUM_STAGES.indexOf(stage);
  return TOP + ((CONTINUUM_STAGES.length - 1 - i) * (HEIGHT - TOP - BOTTOM)) / (CONTINUUM_STAGES.length - 1);
}

function x(index: number, count: number) {
  if (count <= 1) return LEFT + (WIDTH - LEFT - RIGHT) / 2;
  return LEFT + (index * (WIDTH - LEFT - RIGHT)) / (count - 1);
}

/**
 * One small chart per pillar: a path along the four stages over time. Movement is drawn in
 * one neutral colour, with no score, no grading colours and no "target" line: a journey,
 * not a grade. The same data is in JourneyTable for anyone who cannot see the chart.
 */
export function JourneyCharts({ points, idPrefix }: { points: JourneyPointView[]; idPrefix: string }) {
  const { t } = useTranslation();
  return (
    <ul className="journey-charts">
      {PILLARS.map((pillar) => {
        const pillarLabel = t(`vocabulary.pillar.${pillar}`);
        const placed = points.map((p, i) => ({ ...p, i, stage: p.stages[pillar] })).filter((p) => p.stage !== null) as (JourneyPointView & {
          i: number;
          stage: ContinuumStage;
        })[];
        const d = placed.map((p, n) => `${n === 0 ? "M" : "L"}${x(p.i, points.length).toFixed(1)},${y(p.stage).toFixed(1)}`).join(" ");
        const summary = t("continuum.chartSummary", {
          pillar: pillarLabel,
          stages: points
            .map((p) =>
              t("continuum.chartSummaryEntry", { date: p.date, stage: p.stages[pillar] ? t(`vocabulary.stage.${p.stages[pillar]}`) : t("continuum.noStage") }),
            )
            .join("; "),
        });
        const titleId = `${idPrefix}-${pillar}-title`;
        const descId = `${idPrefix}-${pillar}-desc`;
        return (
          <li key={pillar} className="journey-chart">
            <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`} data-testid={`journey-${pillar}`}>
              <title id={titleId}>{t("continuum.chartLabel", { pillar: pillarLabel })}</title>
              <desc id={descId}>{summary}</desc>
              <text x={6} y={15} className="journey-pillar" aria-hidden="true">
                {pillarLabel}
              </text>
              {CONTINUUM_STAGES.map((stage) => (
                <g key={stage} aria-hidden="true">
                  <line x1={LEFT - 6} x2={WIDTH - RIGHT} y1={y(stage)} y2={y(stage)} className="journey-grid" />
                  <text x={LEFT - 10} y={y(stage) + 4} textAnchor="end" className="journey-stage">
                    {t(`vocabulary.stage.${stage}`)}
                  </text>
                </g>
              ))}
              {placed.length > 1 ? <path d={d} className="journey-path" aria-hidden="true" /> : null}
              {placed.map((p) => (
                <circle key={p.id} cx={x(p.i, points.length)} cy={y(p.stage)} r={5} className="journey-point" aria-hidden="true" />
              ))}
              {points.length > 0 ? (
                <g aria-hidden="true">
                  <text x={x(0, points.length)} y={HEIGHT - 8} textAnchor={points.length > 1 ? "start" : "middle"} className="journey-date">
                    {points[0].date}
                  </text>
                  {points.length > 1 ? (
                    <text x={x(points.length - 1, points.length)} y={HEIGHT - 8} textAnchor="end" className="journey-date">
                      {points[points.length - 1].date}
                    </text>
                  ) : null}
                </g>
              ) : null}
            </svg>
          </li>
        );
      })}
    </ul>
  );
}

/** The journey as a table: a row per pillar, a column per finished self-assessment. */
export function JourneyTable({ points, caption }: { points: JourneyPointView[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table data-testid="journey-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("continuum.pillar")}</th>
            {points.map((p) => (
              <th scope="col" key={p.id}>
                {p.date}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PILLARS.map((pillar) => (
            <tr key={pillar}>
              <th scope="row">{t(`vocabulary.pillar.${pillar}`)}</th>
              {points.map((p) => (
                <td key={p.id}>{p.stages[pillar] ? t(`vocabulary.stage.${p.stages[pillar]}`) : t("continuum.noStage")}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
