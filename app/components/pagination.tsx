import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { buttonClasses } from "./ui/button";
import { Icon } from "./ui/icon";

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
    <nav className="pagination my-4 flex flex-wrap items-center gap-3" aria-label={t("app.pageOf", { page, pages })}>
      {page > 1 ? (
        <Link className={buttonClasses("secondary")} to={hrefFor(page - 1)} rel="prev">
          <Icon icon={ChevronLeft} />
          {t("app.previous")}
        </Link>
      ) : null}
      <span aria-current="page" className="text-muted">
        {t("app.pageOf", { page, pages })}
      </span>
      {page < pages ? (
        <Link className={buttonClasses("secondary")} to={hrefFor(page + 1)} rel="next">
          {t("app.next")}
          <Icon icon={ChevronRight} />
        </Link>
      ) : null}
    </nav>
  );
}
