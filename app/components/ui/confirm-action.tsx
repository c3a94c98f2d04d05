import { Form, Link, useLocation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "../forms";
import { Button, buttonClasses, type ButtonVariant } from "./button";

/**
 * An irreversible action asks first. Without JavaScript the button is a link to the same page with
 * `?confirm=<id>`, which shows the question and the real form; with JavaScript the question opens in a
 * native <dialog> (focus kept inside, Escape cancels). Either way the form posts `confirmed=yes`, which the
 * action should require.
 */
export function ConfirmAction({
  id,
  label,
  question,
  confirmLabel,
  intent,
  fields,
  variant = "danger",
}: {
  id: string;
  label: ReactNode;
  question: ReactNode;
  confirmLabel: ReactNode;
  intent: string;
  fields?: Record<string, string>;
  variant?: ButtonVariant;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const location = useLocation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const form = (
    <Form method="post" className="mt-3 flex flex-wrap gap-2">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="confirmed" value="yes" />
      {Object.entries(fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button variant={variant}>{confirmLabel}</Button>
      {hydrated ? (
        <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
          {t("app.cancel")}
        </Button>
      ) : (
        <Link className={buttonClasses("secondary")} to={location.pathname} preventScrollReset>
          {t("app.cancel")}
        </Link>
      )}
    </Form>
  );

  if (!hydrated && params.get("confirm") === id) {
    return (
      <div role="alertdialog" aria-labelledby={`${id}-question`} className="rounded-card border border-error bg-error-soft p-4">
        <p id={`${id}-question`} className="m-0 font-semibold">
          {question}
        </p>
        {form}
      </div>
    );
  }
  const next = new URLSearchParams(params);
  next.set("confirm", id);
  return (
    <>
      {hydrated ? (
        <Button type="button" variant={variant} onClick={() => dialog.current?.showModal()}>
          {label}
        </Button>
      ) : (
        <Link className={buttonClasses(variant)} to={`?${next.toString()}`} preventScrollReset>
          {label}
        </Link>
      )}
      {hydrated ? (
        <dialog ref={dialog} aria-labelledby={`${id}-question`} className="m-auto max-w-md rounded-card border border-line p-5 backdrop:bg-black/40">
          <p id={`${id}-question`} className="m-0 font-semibold">
            {question}
          </p>
          {form}
        </dialog>
      ) : null}
    </>
  );
}
