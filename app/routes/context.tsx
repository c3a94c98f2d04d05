import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireViewer } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { setSessionMembership } from "~/utils/session.server";
import { notFound } from "~/utils/http.server";

export const loader = () => redirect("/");

/** Switches which foundation or organisation the viewer acts for. */
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const form = await readForm(request, context);
  const membership = viewer.memberships.find((m) => m.id === form.get("membershipId"));
  if (!membership) notFound();
  await setSessionMembership(context.db, viewer.session.id, membership.id);
  return redirect(membership.kind === "organisation" ? `/organisations/${membership.tenantId}` : "/");
}
