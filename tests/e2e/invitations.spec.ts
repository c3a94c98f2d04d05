import { expect, test } from "@playwright/test";
import { login, navLink, uniqueEmail } from "./helpers";
import { acceptAsNewAccount, escape, expectActingAs, FOUNDATION, invitationPathFor, sendInvitation } from "./flows";

test.describe("invitations", () => {
  test("an admin invites a program officer who accepts by email link, once", async ({ page, browser }) => {
    test.setTimeout(90_000); // sized to the work: an invitation by email, accepted, then refused again
    const email = uniqueEmail("officer");
    const name = "Olu Invited";
    await login(page, "admin@demo.test");
    await sendInvitation(page, "/foundation/members", email, "Program officer");
    await expect(page.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
    const row = page.getByRole("table", { name: "Open invitations" }).getByRole("row").filter({ hasText: email });
    await expect(row.getByRole("cell").nth(1)).toHaveText("Program officer");

    const path = await invitationPathFor(email, FOUNDATION);
    expect(path).toMatch(/^\/invitations\/[a-z2-7]{32}$/);

    const inviteeContext = await browser.newContext();
    const invitee = await inviteeContext.newPage();
    await invitee.goto(path);
    await expect(invitee.getByRole("heading", { level: 1 })).toHaveText(`Join ${FOUNDATION}`);
    await expect(invitee.getByText(`Amara Okafor invited ${email} to join ${FOUNDATION} as Program officer.`)).toBeVisible();

    await acceptAsNewAccount(invitee, path, name, "a-long-enough-password");
    await expect(invitee).toHaveURL(/\/\?notice=welcome$/);
    await expect(invitee.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${name}`);
    await expect(invitee.getByRole("status")).toHaveText(new RegExp(`^Welcome\\. You are now a member of ${escape(FOUNDATION)}\\.$`));
    await expectActingAs(invitee, FOUNDATION, "Program officer");
    // A program officer sees the grantees, not the admin pages.
    const nav = invitee.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Grantee organisations" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Members and invitations" })).toHaveCount(0);

    // The link works once, for anyone.
    const again = await invitee.goto(path);
    expect(again?.status()).toBe(404);
    await expect(invitee.getByRole("heading", { level: 1 })).toHaveText("This invitation cannot be used");
    await expect(invitee.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
    await inviteeContext.close();

    const anonymousContext = await browser.newContext();
    const anonymous = await anonymousContext.newPage();
    await anonymous.goto(path);
    await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText("This invitation cannot be used");
    await anonymousContext.close();

    // The new member is listed and the invitation is no longer open.
    await page.goto("/foundation/members");
    const member = page.getByRole("table", { name: "Members and invitations" }).getByRole("row").filter({ hasText: email });
    await expect(member).toContainText(name);
    await expect(member).toContainText("Program officer");
    await expect(page.getByRole("table", { name: "Open invitations" }).getByRole("row").filter({ hasText: email })).toHaveCount(0);
  });

  test("an admin adds an organisation, its director joins and invites their own staff", async ({ page, browser }) => {
    test.setTimeout(90_000); // sized to the work: two invitations by email and two new accounts
    const organisation = `Lighthouse Counselling ${Date.now().toString(36)}`;
    const directorEmail = uniqueEmail("director");
    const staffEmail = uniqueEmail("orgstaff");

    await login(page, "admin@demo.test");
    await page.goto("/foundation/organisations");
    await page.getByLabel("Organisation name").fill(organisation);
    await page.getByLabel("Director's email").fill(directorEmail);
    await page.getByRole("button", { name: "Add and invite" }).click();
    await expect(page).toHaveURL(/\/foundation\/organisations\?notice=organisation-created$/);
    await expect(page.getByRole("status")).toHaveText(`${organisation} added; an invitation went to ${directorEmail}.`);
    const card = page.getByRole("link", { name: organisation, exact: true });
    await expect(card).toBeVisible();
    const href = await card.getAttribute("href");
    expect(href).toMatch(/^\/organisations\/[0-9a-f-]{36}$/);

    const directorPath = await invitationPathFor(directorEmail, organisation);
    const directorContext = await browser.newContext();
    const director = await directorContext.newPage();
    await director.goto(directorPath);
    await expect(director.getByRole("heading", { level: 1 })).toHaveText(`Join ${organisation}`);
    await acceptAsNewAccount(director, directorPath, "Dana Director", "director-password-1");
    await expect(director).toHaveURL(new RegExp(`${escape(href!)}\\?notice=welcome$`));
    await expect(director.getByRole("heading", { level: 1 })).toHaveText(organisation);
    await expectActingAs(director, organisation, "Director");
    await expect(director.getByText(FOUNDATION, { exact: true })).toBeVisible();

    await (await navLink(director, "Staff and invitations")).click();
    await expect(director).toHaveURL(new RegExp(`${escape(href!)}/members$`));
    await expect(director.getByRole("heading", { level: 1 })).toHaveText("Staff and invitations");
    await expect(director.getByRole("table", { name: "Staff and invitations" })).toContainText(directorEmail);
    await sendInvitation(director, `${href}/members`, staffEmail);
    const row = director.getByRole("table", { name: "Open invitations" }).getByRole("row").filter({ hasText: staffEmail });
    await expect(row.getByRole("cell").nth(1)).toHaveText("Organisation staff");

    const staffPath = await invitationPathFor(staffEmail, organisation);
    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    await acceptAsNewAccount(staff, staffPath, "Sam Staff", "staff-password-12");
    await expect(staff).toHaveURL(new RegExp(`${escape(href!)}\\?notice=welcome$`));
    await expectActingAs(staff, organisation, "Organisation staff");
    await Promise.all([directorContext.close(), staffContext.close()]);
  });

  test("the invitation page refuses a too short password and stays usable", async ({ page, browser }) => {
    const email = uniqueEmail("shortpw");
    await login(page, "admin@demo.test");
    await sendInvitation(page, "/foundation/members", email, "Staff");
    const path = await invitationPathFor(email, FOUNDATION);

    const inviteeContext = await browser.newContext();
    const invitee = await inviteeContext.newPage();
    await invitee.goto(path);
    await invitee.getByRole("button", { name: "Accept invitation" }).click();
    await expect(invitee.getByLabel("Your name")).toHaveAccessibleDescription("This field is required.");
    await expect(invitee.getByLabel("Choose a password")).toHaveAccessibleDescription("This field is required.");

    await invitee.getByLabel("Your name").fill("Short Password");
    await invitee.getByLabel("Choose a password").fill("short");
    await invitee.getByRole("button", { name: "Accept invitation" }).click();
    await expect(invitee.getByLabel("Choose a password")).toHaveAccessibleDescription("Use between 10 and 200 characters.");
    await expect(invitee.getByLabel("Your name")).not.toHaveAttribute("aria-invalid", "true");
    await expect(invitee.getByRole("button", { name: "Log out" })).toHaveCount(0);

    await acceptAsNewAccount(invitee, path, "Short Password", "long-enough-now");
    await expectActingAs(invitee, FOUNDATION, "Staff");
    await inviteeContext.close();
  });

  test("a notice that names someone cannot be forged through the URL", async ({ page }) => {
    await login(page, "admin@demo.test");
    await page.goto("/foundation/members?notice=invited&email=call-us%40evil.example");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Members and invitations");
    await expect(page.getByRole("status")).toHaveCount(0);
    await expect(page.getByText("Invitation sent")).toHaveCount(0);
    // Notices without names still show from the URL alone.
    await page.goto("/foundation/members?notice=saved");
    await expect(page.getByRole("status")).toHaveText("Saved.");
  });

  test("an invalid email is refused next to the field and the typed value stays", async ({ page }) => {
    await login(page, "admin@demo.test");
    await page.goto("/foundation/members");
    const form = page.locator("form#invite");
    const email = form.getByLabel("Email");
    await email.fill("not-an-email");
    await form.getByLabel("Role").selectOption({ label: "Program officer" });
    await form.getByRole("button", { name: "Send invitation" }).click();

    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveAccessibleDescription("Enter an email address like name@example.org.");
    await expect(form.getByRole("listitem")).toHaveText(["Enter an email address like name@example.org."]);
    await expect(email).toHaveValue("not-an-email");
    await expect(form.getByLabel("Role")).toHaveValue("program_officer");
    await expect(page).not.toHaveURL(/notice=invited/);
    await expect(page.getByRole("table", { name: "Open invitations" }).getByText("not-an-email")).toHaveCount(0);

    // Correcting the value clears the message.
    const fixed = uniqueEmail("fixed");
    await email.fill(fixed);
    await email.blur();
    await expect(email).not.toHaveAttribute("aria-invalid", "true");
    await expect(form.getByRole("listitem")).toHaveCount(0);
  });

  test("the server refuses an invalid email even without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await login(page, "admin@demo.test");
    await page.goto("/foundation/members");
    const form = page.locator("form#invite");
    // Without JavaScript the browser's own check would block the form; skip it to reach the server.
    await form.evaluate((f) => f.setAttribute("novalidate", ""));
    await form.getByLabel("Email").fill("not-an-email");
    await form.getByRole("button", { name: "Send invitation" }).click();
    await expect(form.getByLabel("Email")).toHaveAccessibleDescription("Enter an email address like name@example.org.");
    await expect(form.getByLabel("Email")).toHaveValue("not-an-email");
    await context.close();
  });
});
