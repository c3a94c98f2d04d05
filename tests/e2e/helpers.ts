import { expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const DEMO_PASSWORD = "commons-demo-2026";

export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
}

/** A link of the main navigation; the pages about running the tenant sit in its menu, opened first. */
export async function navLink(page: Page, name: string) {
  const nav = page.getByRole("navigation", { name: "Main" });
  const link = nav.getByRole("link", { name });
  if (!(await link.isVisible())) await nav.locator("summary").click();
  return link;
}

/**
 * Waits until React has hydrated the page (root.tsx marks <html data-hydrated>). A control that acts through
 * scripts (autosave on change) and is used before then is changed in the browser but never sent.
 */
export async function hydrated(page: Page) {
  await expect(page.locator("html[data-hydrated]")).toBeAttached();
}

/** Chooses a stage in the radio group of a pillar or question, once the page can act on it (a page without scripts can at once). */
export async function chooseStage(page: Page, group: string, stage: string, { scripts = true } = {}) {
  if (scripts) await hydrated(page);
  await page
    .getByRole("group", { name: group, exact: true })
    .getByRole("radio", { name: new RegExp(`^${stage}:`) })
    .check();
}

export async function logout(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
}

/** Fails on serious or critical accessibility violations of the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

function readMail(): ReceivedMail[] {
  const dir = process.env.E2E_MAIL_DIR!;
  return readdirSync(dir)
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as ReceivedMail);
}

/** Waits (polling, bounded) for a delivered message to an address. */
export async function waitForMail(to: string, subjectIncludes: string): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      () => {
        found = readMail()
          .reverse()
          .find((m) => m.to.includes(to) && m.subject.includes(subjectIncludes));
        return Boolean(found);
      },
      { timeout: 15_000, message: `mail to ${to} about "${subjectIncludes}"` },
    )
    .toBe(true);
  return found!;
}

export function linkIn(text: string, pathPrefix: string) {
  const match = new RegExp(`https?://[^\\s]+${pathPrefix}[^\\s)\\]]+`).exec(text);
  if (!match) throw new Error(`No ${pathPrefix} link in:\n${text}`);
  return new URL(match[0]).pathname;
}

export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}@example.org`;
