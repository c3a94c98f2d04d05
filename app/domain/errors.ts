/**
 * A rule said no. `field` names the form field the message belongs next to; `message`
 * is an i18n key, `values` its interpolations. Routes turn it into a form error.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly values?: Record<string, string | number>,
    readonly status: 400 | 403 | 404 | 409 | 429 = 400,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
