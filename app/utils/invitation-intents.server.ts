import { data, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import type { Role } from "#db/schema";
import type { AppContext } from "~/utils/context";
import { errorReply } from "~/utils/forms.server";
import { withNotice } from "~/utils/notices";
import { noticeValuesCookie } from "~/utils/notices.server";
import { t, translateKey } from "~/i18n";
import { DomainError } from "~/domain/errors";
import { inviteMember, resendInvitation, withdrawInvitation } from "~/domain/invitations.server";
import type { Caller } from "~/domain/permissions.server";
import { idSchema } from "./ids";
import { InviteSchema } from "./schemas";

/**
 * The invite / resend / withdraw intents shared by the foundation's and the
 * organisation's member pages. Returns a response, or null for another intent.
 */
export async function handleInvitationIntent(form: FormData, context: AppContext, caller: Caller, roles: readonly [Role, ...Role[]], returnTo: string) {
  const intent = form.get("intent");
  if (intent === "invite") {
    const submission = parseWithZod(form, { schema: InviteSchema(roles) });
    if (submission.status !== "success") return data({ invite: submission.reply() }, { status: 400 });
    try {
      const wait = await context.invitationLimiter.consume([`invite-user:${caller.userId}`]);
      if (wait > 0) throw new DomainError("errors.rateLimited", undefined, { minutes: Math.ceil(wait / 60) }, 429);
      const sent = await inviteMember(context.db, caller, {
        email: submission.value.email,
        role: submission.value.role as Role,
        publicUrl: context.config.publicUrl,
        now: context.now(),
      });
      return redirect(withNotice(returnTo, "invited"), {
        headers: { "Set-Cookie": noticeValuesCookie(context, "invited", { email: sent.email }) },
      });
    } catch (e) {
      const { result, status } = errorReply(submission, e);
      return data({ invite: result }, { status });
    }
  }
  if (intent === "resend" || intent === "withdraw") {
    const parsed = z.object({ invitationId: idSchema }).safeParse({ invitationId: form.get("invitationId") });
    if (!parsed.success) throw data({ reason: "not-found" }, { status: 404 });
    try {
      if (intent === "resend") {
        const sent = await resendInvitation(context.db, caller, parsed.data.invitationId, context.config.publicUrl, context.now());
        return redirect(withNotice(returnTo, "invited"), {
          headers: { "Set-Cookie": noticeValuesCookie(context, "invited", { email: sent.email }) },
        });
      }
      await withdrawInvitation(context.db, caller, parsed.data.invitationId);
      return redirect(withNotice(returnTo, "invitation-withdrawn"));
    } catch (e) {
      if (e instanceof DomainError && e.status === 404) throw data({ reason: "not-found" }, { status: 404 });
      if (e instanceof DomainError) return data({ message: translateKey(t, e.message) }, { status: e.status });
      throw e;
    }
  }
  return null;
}
