import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { linkIn, login, uniqueEmail, waitForMail } from "./helpers";

export const FOUNDATION = "Harbour Light Foundation";

/** The header line "Acting for: <tenant> <role>". */
export function actingLine(page: Page): Locator {
  return page.locator("header p", { has: page.getByTestId("acting-for") });
}

export async function expectActingAs(page: Page, tenant: string, role: string) {
  await expect(page.getByTestId("acting-for")).toHaveText(tenant);
  await expect(actingLine(page)).toHaveText(new RegExp(`^Acting for:\\s*${escape(tenant)}\\s*${escape(role)}$`));
}

export function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** As a logged-in member admin: invites `email` with the role labelled `roleLabel` on a members page. */
export async function sendInvitation(page: Page, membersPath: string, email: string, roleLabel?: string) {
  await page.goto(membersPath);
  const form = page.locator("form#invite");
  await form.getByLabel("Email").fill(email);
  if (roleLabel) await form.getByLabel("Role").selectOption({ label: roleLabel });
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(page).toHaveURL(/[?&]notice=invited/);
  await expect(page.getByRole("table", { name: "Open invitations" }).getByRole("row").filter({ hasText: email })).toBeVisible();
}

/** Reads the invitation mail to `email` and returns the path of its link. */
export async function invitationPathFor(email: string, tenant: string) {
  const mail = await waitForMail(email, "invited");
  expect(mail.subject).toBe(`You are invited to join ${tenant} on STS Commons`);
  return linkIn(mail.text, "/invitations/");
}

/** Opens an invitation link as someone without an account and creates it. */
export async function acceptAsNewAccount(page: Page, invitationPath: string, name: string, password: string) {
  await page.goto(invitationPath);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Choose a password").fill(password);
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
}

export interface FreshUser {
  email: string;
  name: string;
  password: string;
}

/**
 * A brand-new foundation member created through the real invitation flow: the admin
 * invites in one browser context, the invitee accepts in another. Returns the invitee's
 * page, logged in.
 */
export async function freshFoundationMember(browser: Browser, roleLabel = "Staff", prefix = "fresh") {
  const user: FreshUser = {
    email: uniqueEmail(prefix),
    name: `Fresh ${prefix} ${Math.floor(Math.random() * 1e6)}`,
    password: `first-pass-${Math.floor(Math.random() * 1e9)}`,
  };
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await login(admin, "admin@demo.test");
  await sendInvitation(admin, "/foundation/members", user.email, roleLabel);
  await adminContext.close();
  const path = await invitationPathFor(user.email, FOUNDATION);
  const context = await browser.newContext();
  const page = await context.newPage();
  await acceptAsNewAccount(page, path, user.name, user.password);
  await expectActingAs(page, FOUNDATION, roleLabel);
  return { user, page, context };
}
