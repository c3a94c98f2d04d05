import { micromark } from "micromark";

/**
 * Discussion posts are Markdown. micromark escapes raw HTML and drops links with
 * dangerous protocols (javascript:, data: …) unless told otherwise; we never tell it
 * otherwise. See docs/decisions/0031-markdown-with-micromark.md.
 */
export function renderMarkdown(source: string): string {
  return micromark(source, { allowDangerousHtml: false, allowDangerousProtocol: false });
}
