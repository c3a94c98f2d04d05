import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { requireOrganisationCaller } from "~/utils/auth.server";
import { loadOutboxListing } from "~/utils/outbox-listing.server";
import { OutboxView } from "~/components/outbox";

export const meta: MetaFunction = () => [{ title: `${t("outbox.title")} · ${t("app.name")}` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { caller, viewer } = await requireOrganisationCaller(request, context, params.organisationId, "read:organisation-outbox");
  return loadOutboxListing(request, context, caller, viewer.user.locale);
}

export default function OrganisationOutbox() {
  return <OutboxView listing={useLoaderData<typeof loader>()} />;
}
