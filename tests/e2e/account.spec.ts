import { expect, test } from "@playwright/test";
import { login, logout } from "./helpers";
import { expectActingAs, FOUNDATION, freshFoundationMember } from "./flows";

test.describe("your account (fresh invited users, never demo accounts)", () => {
  test("changing your name saves it", async ({ browser }) => {
    test.setTimeout(60_000); // sized to the work: an invited account is made first
    const { user, page, context } = await freshFoundationMember(browser, "Staff", "rename");
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
    await expect(page.getByText(user.email, { exact: true })).toBeVisible();
    const name = page.getByLabel("Name", { exact: true });
    await expect(name).toHaveValue(user.name);

    const renamed = `${user.name} Renamed`;
    await name.fill(renamed);
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page).toHaveURL(/\/account\?notice=saved$/);
    await expect(page.getByRole("status")).toHaveText("Saved.");
    await expect(name).toHaveValue(renamed);

    // Saved on the server, not just in the field.
    await page.reload();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(renamed);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${renamed}`);

    // An empty name is refused next to the field and nothing changes.
    await page.goto("/account");
    await page.getByLabel("Name", { exact: true }).fill("   ");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByLabel("Name", { exact: true })).toHaveAccessibleDescription("This field is required.");
    await page.goto("/account");
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(renamed);
    await context.close();
  });

  test("changing your password: a wrong current password is refused, the right one works", async ({ browser }) => {
    test.setTimeout(90_000); // sized to the work: an invited account, three password forms and two logins
    const { user, page, context } = await freshFoundationMember(browser, "Staff", "passwd");
    // A second session of the same person, to see that it is logged out by the change.
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await login(other, user.email, user.password);

    await page.goto("/account");
    const current = page.getByLabel("Current password", { exact: true });
    const next = page.getByLabel("New password", { exact: true });
    const confirm = page.getByLabel("Repeat the new password", { exact: true });
    const newPassword = `second-pass-${Math.floor(Math.random() * 1e9)}`;

    await current.fill("this-is-not-my-password");
    await next.fill(newPassword);
    await confirm.fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Your current password is not correct.")).toBeVisible();
    await expect(current).toHaveAccessibleDescription("Your current password is not correct.");
    await expect(current).toHaveAttribute("aria-invalid", "true");
    await expect(page).not.toHaveURL(/notice=password-changed/);
    // Passwords are never sent back into the form.
    await expect(current).toHaveValue("");
    await expect(next).toHaveValue("");
    // The other session is untouched by the refused attempt.
    await other.goto("/account");
    await expect(other.getByRole("heading", { level: 1 })).toHaveText("Your account");

    await current.fill(user.password);
    await next.fill(newPassword);
    await confirm.fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page).toHaveURL(/\/account\?notice=password-changed$/);
    await expect(page.getByRole("status")).toHaveText("Password changed. Every other session has been logged out.");
    await expect(current).toHaveValue("");
    await expect(current).not.toHaveAttribute("aria-invalid", "true");

    // This session continues; the other one was ended.
    await page.goto("/");
    await expectActingAs(page, FOUNDATION, "Staff");
    await other.goto("/account");
    await expect(other).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
    await otherContext.close();

    // The old password no longer works; the new one does.
    await logout(page);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert")).toHaveText("That email and password do not match an account.");

    await page.getByLabel("Password").fill(newPassword);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${user.name}`);
    await expectActingAs(page, FOUNDATION, "Staff");
    await context.close();
  });

  test("the new password must be repeated exactly", async ({ browser }) => {
    test.setTimeout(60_000); // sized to the work: an invited account is made first
    const { page, context } = await freshFoundationMember(browser, "Staff", "mismatch");
    await page.goto("/account");
    await page.getByLabel("Current password", { exact: true }).fill("whatever-it-is");
    await page.getByLabel("New password", { exact: true }).fill("a-brand-new-password");
    await page.getByLabel("Repeat the new password", { exact: true }).fill("a-different-password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByLabel("Repeat the new password", { exact: true })).toHaveAccessibleDescription("The two passwords do not match.");
    await expect(page).not.toHaveURL(/notice=password-changed/);
    await context.close();
  });
});
