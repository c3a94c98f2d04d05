import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import { requireOrganisationRole } from "~/utils/auth.server";
import { loadOutboxListing } from "~/utils/outbox-listing.server";
import { OutboxView } from "~/components/outbox";

export const meta: MetaFunction = () => [{ title: `${t("outbox.title")} · ${t("app.name")}` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organisationId, viewer } = await requireOrganisationRole(request, context, params.organisationId ?? "", ["director"]);
  return loadOutboxListing(request, context, { organisationId }, viewer.user.locale);
}

export default function OrganisationOutbox() {
  return <OutboxView listing={useLoaderData<typeof loader>()} />;
}
