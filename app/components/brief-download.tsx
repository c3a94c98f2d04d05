import { useSearchParams } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Notice } from "./forms";

const REASONS = ["failed", "timeout", "busy"] as const;

/**
 * A brief's download: a plain GET form (works without JavaScript; extra choices such as
 * including the journey are its fields). When a brief could not be made the server sends the
 * browser back here with ?brief=<reason>, and this says so with a retry.
 */
export function BriefDownload({ action, children, label }: { action: string; children?: ReactNode; label?: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const reason = REASONS.find((r) => r === params.get("brief"));
  const [preparing, setPreparing] = useState(false);
  useEffect(() => {
    if (!preparing) return;
    // The download arrives as a file; the page itself does not change, so the note fades on its own.
    const timer = setTimeout(() => setPreparing(false), 8000);
    return () => clearTimeout(timer);
  }, [preparing]);
  return (
    <div id="brief" className="brief-download">
      {reason ? (
        <Notice tone="error">
          <p>
            <strong>{t("briefs.failedTitle")}</strong> {t(`briefs.${reason}`)}
          </p>
        </Notice>
      ) : null}
      <form method="get" action={action} onSubmit={() => setPreparing(true)}>
        {children}
        <button type="submit">{reason ? t("briefs.retry") : (label ?? t("briefs.download"))}</button>
      </form>
      <p aria-live="polite" className="muted">
        {preparing ? t("briefs.preparing") : ""}
      </p>
    </div>
  );
}
