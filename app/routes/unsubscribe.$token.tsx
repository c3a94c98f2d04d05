import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { t } from "~/i18n";
import { setEmailPreferences, verifyUnsubscribeToken } from "~/domain/learning-email.server";
import { readForm } from "~/utils/forms.server";
import { CsrfInput, Notice } from "~/components/forms";

export const meta: MetaFunction = () => [{ title: `${t("learning.unsubscribe.title")} · ${t("app.name")}` }, { name: "robots", content: "noindex" }];

/**
 * The link in every learning email. Following it switches that kind of email off at once,
 * with no login (the signed token is the proof); the page offers to undo it.
 * See docs/decisions/0033-one-click-unsubscribe.md.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const verified = verifyUnsubscribeToken(context.secret, params.token ?? "");
  if (!verified) throw data({ valid: false as const }, { status: 404 });
  await setEmailPreferences(context.db, verified.userId, { [verified.kind]: false }, context.now());
  return { kind: verified.kind };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const verified = verifyUnsubscribeToken(context.secret, params.token ?? "");
  if (!verified) throw data({ valid: false as const }, { status: 404 });
  await readForm(request, context);
  await setEmailPreferences(context.db, verified.userId, { [verified.kind]: true }, context.now());
  return { resubscribed: true };
}

export default function Unsubscribe() {
  const { t } = useTranslation();
  const { kind } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const label = t(`learning.unsubscribe.kind.${kind}`);
  return (
    <section className="narrow">
      <h1>{t("learning.unsubscribe.title")}</h1>
      {done?.resubscribed ? (
        <Notice tone="success">{t("learning.unsubscribe.resubscribed", { kind: label })}</Notice>
      ) : (
        <>
          <Notice tone="success">{t("learning.unsubscribe.done", { kind: label })}</Notice>
          <Form method="post">
            <CsrfInput />
            <button type="submit" className="button-secondary">
              {t("learning.unsubscribe.undo")}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/account">{t("app.account")}</Link>
      </p>
    </section>
  );
}
