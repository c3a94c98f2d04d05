import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous/next links that keep every other query parameter (filters stay bookmarkable). */
export function Pagination({ page, pages }: { page: number; pages: number }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  if (pages <= 1) return null;
  const hrefFor = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    next.delete("message");
    return `?${next.toString()}`;
  };
  return (
    <nav className="pagination" aria-label={t("app.pageOf", { page, pages })}>
      {page > 1 ? <Link to={hrefFor(page - 1)}>{t("app.previous")}</Link> : null}
      <span aria-current="page">{t("app.pageOf", { page, pages })}</span>
      {page < pages ? <Link to={hrefFor(page + 1)}>{t("app.next")}</Link> : null}
    </nav>
  );
}
