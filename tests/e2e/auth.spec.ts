import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, login, logout, navLink } from "./helpers";
import { expectActingAs, FOUNDATION } from "./flows";

test.describe("logging in and out", () => {
  test("login lands on the home page and the header says whom you act for", async ({ page }) => {
    await login(page, "admin@demo.test");
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Amara Okafor");
    await expectActingAs(page, FOUNDATION, "Foundation admin");
    await expect(await navLink(page, "Members and invitations")).toBeVisible();
  });

  test("an organisation director acts for their organisation after login", async ({ page }) => {
    await login(page, "director@demo.test");
    await expect(page).toHaveURL(/\/$/);
    await expectActingAs(page, "Riverside Refugee Services", "Director");
  });

  test("a wrong password shows a clear message, keeps the email and empties the password", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("director2@demo.test");
    await page.getByLabel("Password").fill("not-the-right-password");
    await page.getByRole("button", { name: "Log in" }).click();

    await expect(page.getByRole("alert")).toHaveText("That email and password do not match an account.");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByLabel("Email")).toHaveValue("director2@demo.test");
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(page.getByRole("button", { name: "Log out" })).toHaveCount(0);

    // The right password still works afterwards (and resets the failure count).
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expectActingAs(page, "Safe Passage Anti-Trafficking Network", "Director");
  });

  test("logout shows the notice and protected pages send you to login, then back", async ({ page }) => {
    await login(page, "officer@demo.test");
    await logout(page);
    await expect(page).toHaveURL(/\/login\?notice=logged-out$/);
    await expect(page.getByRole("status")).toHaveText("You have been logged out.");
    await expect(page.getByTestId("acting-for")).toHaveCount(0);

    await page.goto("/account");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
    await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();

    await page.getByLabel("Email").fill("officer@demo.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Daniel Reyes");
  });

  test("the old session cookie no longer works after logout", async ({ page, context }) => {
    await login(page, "staff@demo.test");
    const cookies = await context.cookies();
    await logout(page);
    // Putting the pre-logout cookies back must not revive the session.
    await context.addCookies(cookies);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
  });

  test("an anonymous visit to a foundation page redirects to login with redirectTo", async ({ page }) => {
    const response = await page.goto("/foundation/members");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Ffoundation%2Fmembers$/);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);

    await page.getByLabel("Email").fill("admin@demo.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/foundation\/members$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Members and invitations");
  });

  test("redirectTo cannot send you to another site", async ({ page }) => {
    await page.goto("/login?redirectTo=%2F%2Fevil.example%2Fsteal");
    await page.getByLabel("Email").fill("officer@demo.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(process.env.E2E_BASE_URL!).origin);
    await expect(page).toHaveURL(/\/$/);
  });
});
