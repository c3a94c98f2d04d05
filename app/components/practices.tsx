import { useTranslation } from "react-i18next";
import { translateKey } from "~/i18n";

export function TierBadge({ tier }: { tier: "best" | "promising" | "emerging" | "contraindicated" }) {
  const { t } = useTranslation();
  return <p className={`badge badge-${tier}`}>{t(`learning.library.tierLabel.${tier}`)}</p>;
}

/**
 * Level and pillars of a practice or resource. For a library practice, `reading` marks what is the
 * product's reading rather than the study's, so nobody takes our tags for the study's findings.
 */
export function PracticeTags({
  level,
  pillars,
  reading,
}: {
  level: "organisational" | "individual" | null;
  pillars: string[];
  reading?: { level: boolean; pillars: boolean };
}) {
  const { t } = useTranslation();
  if (!level && pillars.length === 0) return null;
  const levelText = level ? t(`learning.library.levelLabel.${level}`) + (reading?.level ? ` (${t("learning.library.levelReading")})` : "") : null;
  const pillarsLabel = reading?.pillars ? t("learning.library.pillarsReading") : t("learning.library.pillars");
  return (
    <p className="muted">
      {levelText}
      {level && pillars.length ? " · " : null}
      {pillars.length ? `${pillarsLabel}: ${pillars.map((p) => translateKey(t, `vocabulary.pillar.${p}`)).join(", ")}` : null}
    </p>
  );
}
