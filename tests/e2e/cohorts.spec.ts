import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { expectAccessible, linkIn, login, waitForMail } from "./helpers";

test.describe("learning communities", () => {
  test("officer creates a cohort and a session and invites the demo organisation; the director accepts and adds staff; staff RSVP, post and download the calendar file; the facilitator records attendance", async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const cohortName = `Winter circle ${Date.now().toString(36)}`;

    // The program officer creates the cohort and plans a session.
    const officerContext = await browser.newContext();
    const officer = await officerContext.newPage();
    await login(officer, "officer@demo.test");
    await officer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cohorts" }).click();
    await officer.getByLabel("Name").fill(cohortName);
    await officer.getByLabel("Purpose").fill("Try small changes to workload and compare notes.");
    await officer.getByLabel("Starts on").fill("2030-01-10");
    await officer.getByLabel("Ends on").fill("2030-06-30");
    await officer.getByRole("button", { name: "Create cohort" }).click();
    await expect(officer.getByRole("heading", { level: 1 })).toHaveText(cohortName);
    const cohortPath = new URL(officer.url()).pathname;

    const sessionForm = officer.locator("form#session");
    await sessionForm.getByLabel("Title").fill("Workload, honestly");
    await sessionForm.getByLabel("Date").fill("2030-02-14");
    await sessionForm.getByLabel("Start time").fill("16:30");
    await sessionForm.getByLabel("Time zone").fill("America/Chicago");
    await sessionForm.getByLabel("Length in minutes").fill("60");
    await sessionForm.getByLabel("Video link").fill("https://meet.example.org/winter");
    await sessionForm.getByRole("button", { name: "Plan session" }).click();
    await expect(officer.getByRole("heading", { level: 1 })).toHaveText("Workload, honestly");
    // Shown in the session's own zone.
    await expect(officer.getByText(/4:30\s?PM · America\/Chicago/)).toBeVisible();
    const sessionPath = new URL(officer.url()).pathname;

    await officer.goto(cohortPath);
    await officer.getByLabel("Organisation", { exact: true }).selectOption({ label: "Riverside Refugee Services" });
    await officer.getByRole("button", { name: "Send invitation" }).click();
    await expect(officer.getByText("Invitation open")).toBeVisible();

    // The director gets the invitation by email, accepts and adds a staff member.
    const mail = await waitForMail("director@demo.test", cohortName);
    expect(mail.subject).toBe(`Harbour Light Foundation invites you to the cohort ${cohortName}`);
    // The one-click link works without logging in, and can be undone.
    const anonymousContext = await browser.newContext();
    const anonymous = await anonymousContext.newPage();
    await anonymous.goto(linkIn(mail.text, "/unsubscribe/"));
    await expect(anonymous.getByRole("status")).toHaveText("You will no longer receive cohort invitations.");
    await expectAccessible(anonymous);
    await anonymous.getByRole("button", { name: "Receive them again" }).click();
    await expect(anonymous.getByRole("status")).toHaveText("You will receive cohort invitations again.");
    await anonymousContext.close();
    const directorContext = await browser.newContext();
    const director = await directorContext.newPage();
    await login(director, "director@demo.test");
    await director.goto(linkIn(mail.text, "/cohorts/"));
    await director.getByRole("button", { name: "Accept for Riverside Refugee Services" }).click();
    await expect(director.getByText("Taking part")).toBeVisible();
    await director.getByLabel("Person").selectOption({ label: "Samuel Mensah" });
    await director.getByRole("button", { name: "Add", exact: true }).click();
    await expect(director.getByRole("listitem").filter({ hasText: "Samuel Mensah" }).first()).toBeVisible();
    await directorContext.close();

    // The staff member finds the cohort on their home page, RSVPs, posts and downloads the .ics.
    const memberContext = await browser.newContext();
    const member = await memberContext.newPage();
    await login(member, "member@demo.test");
    await member.goto("/");
    await member.getByRole("link", { name: cohortName }).click();
    await member.getByRole("link", { name: "Workload, honestly" }).click();
    await member.getByLabel("Yes").check();
    await member.getByRole("button", { name: "Send answer" }).click();
    await expect(member.getByLabel("Yes")).toBeChecked();
    const [download] = await Promise.all([member.waitForEvent("download"), member.getByRole("link", { name: "Add to calendar (.ics)" }).click()]);
    const ics = readFileSync(await download.path(), "utf8");
    expect(ics).toContain("SUMMARY:Workload\\, honestly");
    expect(ics).toContain("DTSTART;TZID=America/Chicago:20300214T163000");
    expect(ics).toContain("BEGIN:VTIMEZONE\r\nTZID:America/Chicago");

    await member.goto(cohortPath);
    const threadForm = member.locator("form#thread");
    await threadForm.getByLabel("Title").fill("Our first step");
    await threadForm.getByLabel("Message").fill("We will try **no meetings on Fridays**. <script>alert('x')</script>");
    await threadForm.getByRole("button", { name: "Post" }).click();
    await expect(member.getByRole("heading", { level: 1 })).toHaveText("Our first step");
    await expect(member.locator(".post-body strong")).toHaveText("no meetings on Fridays");
    await expect(member.locator(".post-body script")).toHaveCount(0);
    await expect(member.locator(".post-body")).toContainText("<script>alert('x')</script>");
    const threadPath = new URL(member.url()).pathname;
    // Authors edit their own posts.
    await member.getByRole("link", { name: "Edit" }).click();
    await member.locator("form#edit").getByLabel("Message").fill("We will try _no meetings on Fridays_ from March.");
    await member.getByRole("button", { name: "Save changes" }).click();
    await expect(member.locator(".post-body em")).toHaveText("no meetings on Fridays");
    await expect(member.getByText(/· edited/)).toBeVisible();
    await memberContext.close();

    // The facilitator records attendance.
    await officer.goto(sessionPath);
    const row = officer.getByRole("row").filter({ hasText: "Samuel Mensah" });
    await expect(row).toContainText("Yes");
    await row.getByRole("checkbox").check();
    await officer.getByRole("button", { name: "Record attendance" }).click();
    await expect(officer.getByRole("row").filter({ hasText: "Samuel Mensah" })).toContainText("Came");

    // Facilitators hide a post: it stays, marked with who hid it.
    await officer.goto(threadPath);
    await officer.getByRole("button", { name: "Hide post" }).click();
    await expect(officer.getByText(/^Hidden by Daniel Reyes on /)).toBeVisible();
    await expect(officer.locator(".post-body em")).toHaveText("no meetings on Fridays");
    await officerContext.close();
  });

  test("the contraindicated practice carries a warning and is not offered for pinning", async ({ page }) => {
    await login(page, "officer@demo.test");
    await page.goto("/practices?tier=contraindicated");
    await expect(page.getByRole("heading", { name: "Reiki" })).toBeVisible();
    await expect(page.getByText(/^Not recommended\./)).toBeVisible();
    await page.goto("/cohorts");
    await page.getByRole("link", { name: "STS learning circle 2026" }).click();
    const options = page.locator("form#pin select option");
    await expect(options.filter({ hasText: "Collegial support" })).toHaveCount(1);
    await expect(options.filter({ hasText: "Reiki" })).toHaveCount(0);
  });

  test("a session time the clocks skip is refused, and one that happens twice is asked about, not guessed", async ({ page }) => {
    await login(page, "officer@demo.test");
    await page.goto("/cohorts");
    await page.getByRole("link", { name: "STS learning circle 2026" }).click();
    const form = page.locator("form#session");
    await form.getByLabel("Title").fill("Night shift check-in");
    await form.getByLabel("Date").fill("2030-03-10");
    await form.getByLabel("Start time").fill("02:30");
    await form.getByLabel("Time zone").fill("America/New_York");
    await form.getByLabel("Length in minutes").fill("30");
    await form.getByRole("button", { name: "Plan session" }).click();
    await expect(form.getByText(/02:30 does not exist on 2030-03-10 in America\/New_York/)).toBeVisible();

    await form.getByLabel("Date").fill("2030-11-03");
    await form.getByLabel("Start time").fill("01:30");
    await form.getByRole("button", { name: "Plan session" }).click();
    await expect(form.getByText(/01:30 happens twice on 2030-11-03/)).toBeVisible();
    await expectAccessible(page);
    await form.getByLabel(/The second 01:30, after the clocks go back/).check();
    await form.getByRole("button", { name: "Plan session" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Night shift check-in");
    await expect(page.getByText(/1:30\s?AM · America\/New York \(EST\)/)).toBeVisible();
  });
});
