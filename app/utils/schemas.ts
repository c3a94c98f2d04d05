import { z } from "zod";
import { t } from "~/i18n";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-rules";

/** Field schemas shared by forms on both sides (messages come from the i18n layer). */
export const emailField = z
  .string({ required_error: t("errors.required") })
  .trim()
  .max(254, t("errors.tooLong", { max: 254 }))
  .email(t("errors.email"));

export const newPasswordField = z
  .string({ required_error: t("errors.required") })
  .min(PASSWORD_MIN, t("errors.passwordLength", { min: PASSWORD_MIN, max: PASSWORD_MAX }))
  .max(PASSWORD_MAX, t("errors.passwordLength", { min: PASSWORD_MIN, max: PASSWORD_MAX }));

export const nameField = (max = 200) =>
  z
    .string({ required_error: t("errors.required") })
    .trim()
    .min(1, t("errors.required"))
    .max(max, t("errors.tooLong", { max }));

export const idField = z.string().uuid();

export const InviteSchema = (roles: readonly [string, ...string[]]) =>
  z.object({ intent: z.literal("invite"), email: emailField, role: z.enum(roles as [string, ...string[]]) });
