import { useTranslation } from "react-i18next";
import { translateKey } from "~/i18n";

export function TierBadge({ tier }: { tier: "best" | "promising" | "emerging" | "contraindicated" }) {
  const { t } = useTranslation();
  return <p className={`badge badge-${tier}`}>{t(`learning.library.tierLabel.${tier}`)}</p>;
}

export function PracticeTags({ level, pillars }: { level: "organisational" | "individual" | null; pillars: string[] }) {
  const { t } = useTranslation();
  if (!level && pillars.length === 0) return null;
  return (
    <p className="muted">
      {level ? t(`learning.library.levelLabel.${level}`) : null}
      {level && pillars.length ? " · " : null}
      {pillars.length ? `${t("learning.library.pillars")}: ${pillars.map((p) => translateKey(t, `vocabulary.pillar.${p}`)).join(", ")}` : null}
    </p>
  );
}
