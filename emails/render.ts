import { render } from "@react-email/render";
import type { ReactElement } from "react";

/**
 * React 18's streaming renderer can pad a chunk that ends inside a multi-byte character
 * with NUL bytes (facebook/react#26228, fixed only in React 19). NUL is not valid in HTML,
 * PostgreSQL refuses it in text columns, and mail clients truncate at it, so it is removed.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what is removed
const NUL = /\u0000/g;

export async function renderEmail(element: ReactElement) {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html: html.replace(NUL, ""), text: text.replace(NUL, "") };
}
