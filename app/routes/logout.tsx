import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { sessionPolicy } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { clearSessionCookie, invalidateSession, readSessionToken } from "~/utils/session.server";
import { hashToken } from "~/utils/tokens.server";
import { withNotice } from "~/utils/notices";

export const loader = () => redirect("/");

export async function action({ request, context }: ActionFunctionArgs) {
  await readForm(request, context);
  const policy = sessionPolicy(context);
  const token = readSessionToken(request, policy);
  if (token && /^[a-z2-7]{32}$/.test(token)) await invalidateSession(context.db, hashToken(token));
  return redirect(withNotice("/login", "logged-out"), { headers: { "Set-Cookie": clearSessionCookie(policy) } });
}
