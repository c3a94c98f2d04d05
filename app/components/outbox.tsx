import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "./pagination";

export interface OutboxListing {
  smtpConfigured: boolean;
  rows: { id: string; to: string; subject: string; status: "queued" | "sent" | "failed"; created: string }[];
  page: number;
  pages: number;
  message: { id: string; to: string; subject: string; text: string; messageId: string } | null;
}

export function OutboxView({ listing }: { listing: OutboxListing }) {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t("outbox.title")}</h1>
      <p className="muted">{listing.smtpConfigured ? t("outbox.smtpOn") : t("outbox.intro")}</p>
      {listing.message ? (
        <article className="card stack" aria-labelledby="message-subject">
          <h2 id="message-subject">{listing.message.subject}</h2>
          <p>
            {t("outbox.to")}: {listing.message.to}
          </p>
          <pre className="email-body" data-testid="email-text">
            {listing.message.text}
          </pre>
        </article>
      ) : null}
      {listing.rows.length === 0 ? (
        <p>{t("outbox.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("outbox.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("outbox.created")}</th>
                <th scope="col">{t("outbox.to")}</th>
                <th scope="col">{t("outbox.subject")}</th>
                <th scope="col">{t("outbox.status")}</th>
              </tr>
            </thead>
            <tbody>
              {listing.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.created}</td>
                  <td>{r.to}</td>
                  <td>
                    <Link to={`?message=${r.id}&page=${listing.page}`}>{r.subject}</Link>
                  </td>
                  <td>{t(`outbox.${r.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={listing.page} pages={listing.pages} />
    </section>
  );
}
