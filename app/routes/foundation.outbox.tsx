import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { requireFoundationRole } from "~/utils/auth.server";
import { loadOutboxListing } from "~/utils/outbox-listing.server";
import { OutboxView } from "~/components/outbox";

export const meta: MetaFunction = () => [{ title: `${t("outbox.title")} · ${t("app.name")}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { foundationId, viewer } = await requireFoundationRole(request, context, ["admin"]);
  return loadOutboxListing(request, context, { foundationId }, viewer.user.locale);
}

export default function FoundationOutbox() {
  return <OutboxView listing={useLoaderData<typeof loader>()} />;
}
