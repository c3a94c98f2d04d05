import { data } from "@remix-run/node";
import type { Submission } from "@conform-to/react";
import { t, translateKey } from "~/i18n";
import { DomainError } from "~/domain/errors";
import type { AppContext } from "./context";
import { CsrfError, verifyCsrf } from "./csrf.server";

const MAX_FORM_BYTES = 1_000_000;

/** Every action reads its form here: size limit and CSRF check in one place. */
export async function readForm(request: Request, context: Pick<AppContext, "config">): Promise<FormData> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_FORM_BYTES) throw data({ reason: "too-large" }, { status: 413 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw data({ reason: "bad-form" }, { status: 400 });
  }
  form = withoutNul(form);
  try {
    verifyCsrf(request, form, context);
  } catch (e) {
    if (e instanceof CsrfError) throw data({ reason: "csrf" }, { status: 403 });
    throw e;
  }
  return form;
}

/**
 * PostgreSQL text cannot hold U+0000, and no one types it: it is dropped from every submitted
 * value here, once, so that no insert further down fails on it.
 */
function withoutNul(form: FormData): FormData {
  let found = false;
  for (const [, v] of form) if (typeof v === "string" && v.includes("\u0000")) found = true;
  if (!found) return form;
  const clean = new FormData();
  for (const [k, v] of form) clean.append(k, typeof v === "string" ? v.replaceAll("\u0000", "") : v);
  return clean;
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
