import { data } from "@remix-run/node";
import type { Submission } from "@conform-to/react";
import { t, translateKey } from "~/i18n";
import { DomainError } from "~/domain/errors";
import type { AppContext } from "./context";
import { CsrfError, verifyCsrf } from "./csrf.server";
import { readBoundedForm } from "./form-body.server";

/**
 * Every action reads its form here: the bounded reader (size, fields, names; form-body.server.ts), then the CSRF
 * check, in one place.
 */
export async function readForm(request: Request, context: Pick<AppContext, "config">): Promise<FormData> {
  const form = await readBoundedForm(request);
  try {
    verifyCsrf(request, form, context);
  } catch (e) {
    if (e instanceof CsrfError) throw data({ reason: "csrf" }, { status: 403 });
    throw e;
  }
  return form;
}

/**
 * Turns a rule's refusal into the form's reply, with the message next to its field;
 * the submitted values travel back so nothing typed is lost.
 */
export function errorReply<S extends Submission<unknown>>(submission: S, error: unknown, hideFields: string[] = []) {
  if (!(error instanceof DomainError)) throw error;
  const message = translateKey(t, error.message, error.values);
  const result = submission.reply({
    formErrors: error.field ? [] : [message],
    fieldErrors: error.field ? { [error.field]: [message] } : {},
    hideFields,
  });
  return { result, status: error.status };
}

export function replyWithError<S extends Submission<unknown>>(submission: S, error: unknown, hideFields: string[] = []) {
  const { result, status } = errorReply(submission, error, hideFields);
  return data(result, { status });
}
