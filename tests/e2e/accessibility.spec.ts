import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, login, uniqueEmail } from "./helpers";
import { invitationPathFor, FOUNDATION, sendInvitation } from "./flows";

async function organisationHome(page: Page) {
  // A director lands on home; the overview link leads to their organisation.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organisation overview" }).click();
  await expect(page).toHaveURL(/\/organisations\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

test.describe("accessibility (axe: no serious or critical violations)", () => {
  // Sized to the work: an axe analysis takes about 10 s on a fully loaded 2-core machine, and some tests analyse several pages.
  test.describe.configure({ timeout: 120_000 });
  test.describe("anonymous", () => {
    test("login page", async ({ page }) => {
      await page.goto("/login");
      await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
      await expectAccessible(page);
    });

    test("login page after a refused login", async ({ page }) => {
      await page.goto("/login");
      await page.getByLabel("Email").fill("nobody@example.org");
      await page.getByLabel("Password").fill("not-a-password");
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page.getByRole("alert")).toBeVisible();
      await expectAccessible(page);
    });

    test("login page with the logged-out notice", async ({ page }) => {
      await page.goto("/login?notice=logged-out");
      await expect(page.getByRole("status")).toHaveText("You have been logged out.");
      await expectAccessible(page);
    });

    test("404 page", async ({ page }) => {
      const response = await page.goto("/no-such-page");
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
      await expectAccessible(page);
    });

    test("an invitation link that cannot be used", async ({ page }) => {
      await page.goto(`/invitations/${"a".repeat(32)}`);
      await expect(page.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();
      await expectAccessible(page);
    });
  });

  test.describe("foundation admin", () => {
    test.beforeEach(async ({ page }) => {
      await login(page, "admin@demo.test");
    });

    const pages: [string, string][] = [
      ["/", "Welcome, Amara Okafor"],
      ["/account", "Your account"],
      ["/foundation/settings", "Foundation settings"],
      ["/foundation/members", "Members and invitations"],
      ["/foundation/organisations", "Grantee organisations"],
      ["/foundation/outbox", "Queued email"],
      ["/foundation/audit", "Audit trail"],
      ["/foundation/audit?from=not-a-date", "Audit trail"],
    ];
    for (const [path, heading] of pages) {
      test(`${path}`, async ({ page }) => {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
        await expectAccessible(page);
      });
    }

    test("members page with a refused invitation", async ({ page }) => {
      await page.goto("/foundation/members");
      await page.locator("form#invite").getByLabel("Email").fill("not-an-email");
      await page.locator("form#invite").getByRole("button", { name: "Send invitation" }).click();
      await expect(page.getByText("Enter an email address like name@example.org.")).toBeVisible();
      await expectAccessible(page);
    });

    test("outbox with a message open, and the invitation page it links to", async ({ page, browser }) => {
      test.setTimeout(60_000); // sized to the work: an invitation sent and opened in a second browser
      const email = uniqueEmail("a11y");
      await sendInvitation(page, "/foundation/members", email, "Staff");
      await expectAccessible(page);

      await page.goto("/foundation/outbox");
      await page.getByRole("row").filter({ hasText: email }).getByRole("link").click();
      await expect(page.getByTestId("email-text")).toContainText("/invitations/");
      await expectAccessible(page);

      const path = await invitationPathFor(email, FOUNDATION);
      const context = await browser.newContext();
      const invitee = await context.newPage();
      await invitee.goto(path);
      await expect(invitee.getByRole("heading", { name: `Join ${FOUNDATION}` })).toBeVisible();
      await expectAccessible(invitee);
      // With the form's own errors showing.
      await invitee.getByRole("button", { name: "Accept invitation" }).click();
      await expect(invitee.getByLabel("Your name")).toHaveAttribute("aria-invalid", "true");
      await expectAccessible(invitee);
      await context.close();
    });
  });

  test.describe("organisation director", () => {
    test("organisation overview, staff and outbox pages", async ({ page }) => {
      await login(page, "director@demo.test");
      const base = await organisationHome(page);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Riverside Refugee Services");
      await expectAccessible(page);

      await page.goto(`${base}/members`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Staff and invitations");
      await expectAccessible(page);

      await page.goto(`${base}/outbox`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Queued email");
      await expectAccessible(page);

      await page.goto(`${base}/data`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your organisation's data");
      await expectAccessible(page);
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download everything (JSON)" }).click()]);
      expect(file.suggestedFilename()).toMatch(/^riverside-refugee-services-data-\d{4}-\d{2}-\d{2}\.json$/);
    });

    test("home and account pages", async ({ page }) => {
      await login(page, "director@demo.test");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Lucia Fernández");
      await expectAccessible(page);
      await page.goto("/account");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
      await expectAccessible(page);
    });
  });

  test.describe("competence continuum", () => {
    async function organisationIdFor(page: Page, name: string) {
      await page.goto("/foundation/organisations");
      const href = await page.getByRole("link", { name, exact: true }).getAttribute("href");
      return href!.split("/").pop()!;
    }

    test("director: journey, sharing, a draft with a refusal, and a finished self-assessment", async ({ page }) => {
      test.setTimeout(90_000); // sized to the work: several pages, each analysed by axe
      await login(page, "director@demo.test");
      const base = await organisationHome(page);
      await page.goto(`${base}/continuum`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Competence continuum");
      await expect(page.getByTestId("journey-table")).toBeVisible();
      await expectAccessible(page);

      await page
        .getByRole("link", { name: /^Finished / })
        .first()
        .click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Self-assessment finished /);
      await expectAccessible(page);

      await page.goto(`${base}/continuum/sharing`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sharing your journey");
      await expectAccessible(page);

      await page.goto(`${base}/continuum`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Competence continuum");
      const start = page.getByRole("button", { name: "Start a new self-assessment" });
      if (await start.count()) await start.click();
      else await page.getByRole("link", { name: "Continue your draft" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Self-assessment (draft)");
      await expectAccessible(page);
      await page.getByLabel("Overall reflection").fill("x".repeat(4001));
      await page.getByRole("button", { name: "Save draft" }).click();
      await expect(page.getByText("Keep this under 4000 characters.")).toBeVisible();
      await expectAccessible(page);
    });

    test("organisation staff: the continuum page", async ({ page }) => {
      await login(page, "member@demo.test");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Competence continuum" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Competence continuum");
      await expectAccessible(page);
    });

    test("program officer: a shared and an unshared journey", async ({ page }) => {
      await login(page, "officer@demo.test");
      const riverside = await organisationIdFor(page, "Riverside Refugee Services");
      const safePassage = await organisationIdFor(page, "Safe Passage Anti-Trafficking Network");
      await page.goto(`/foundation/organisations/${riverside}/continuum`);
      await expect(page.getByTestId("journey-table")).toBeVisible();
      await expectAccessible(page);
      await page.goto(`/foundation/organisations/${safePassage}/continuum`);
      await expect(page.getByTestId("continuum-not-shared")).toBeVisible();
      await expectAccessible(page);
    });

    test("foundation staff: the private self-assessment, with refusals showing", async ({ page }) => {
      await login(page, "staff@demo.test");
      await page.goto("/foundation/self-assessment");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Foundation self-assessment");
      await expectAccessible(page);
      await page.getByRole("button", { name: "Save my answers" }).click();
      await expect(page.getByText("Choose a stage for this question.").first()).toBeVisible();
      await expectAccessible(page);
    });

    test("foundation admin: the summary, below and above the threshold", async ({ page }) => {
      await login(page, "admin@demo.test");
      const year = new Date().getUTCFullYear();
      await page.goto(`/foundation/self-assessment/summary?year=${year}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Foundation self-assessment: summary");
      await expectAccessible(page);
      await page.goto(`/foundation/self-assessment/summary?year=${year - 1}`);
      await expect(page.getByTestId("aggregate").getByRole("table").first()).toBeVisible();
      await expectAccessible(page);
    });
  });

  test.describe("grants and portfolio", () => {
    test("grant lines, a line, a grant and the portfolio, as a program officer", async ({ page }) => {
      test.setTimeout(90_000); // sized to the work: several pages, each analysed by axe
      await login(page, "officer@demo.test");
      await page.goto("/grant-lines");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Grant lines");
      await expectAccessible(page);
      // The new-line form with its errors showing.
      await page.getByRole("button", { name: "Create grant line" }).click();
      await expect(page.getByRole("form", { name: "New grant line" }).getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
      await expectAccessible(page);

      await page.getByRole("link", { name: "Refugee and asylum services" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Refugee and asylum services");
      await expectAccessible(page);

      await page.getByRole("link", { name: "Caseworker team expansion" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Caseworker team expansion");
      await expect(page.getByRole("heading", { name: "Learning conversation" })).toBeVisible();
      await expectAccessible(page);

      await page.goto("/portfolio");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Portfolio");
      await expect(page.getByRole("img", { name: "Planned money by pillar" })).toBeVisible();
      await expectAccessible(page);

      await page.goto("/portfolio?organisation=no-such-organisation");
      await expect(page.getByText("No grants match these filters.")).toBeVisible();
      await expectAccessible(page);
    });

    test("the organisation's grants and a plan, as its director", async ({ page }) => {
      test.setTimeout(60_000); // sized to the work: several pages, each analysed by axe
      await login(page, "director@demo.test");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Grants" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Grants");
      await expectAccessible(page);

      await page.getByRole("link", { name: "Caseworker team expansion" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Caseworker team expansion");
      await expectAccessible(page);
      // A line with an amount but no pillar: refused, the message next to the field.
      const blank = page.getByRole("group", { name: "Line 3" });
      await blank.getByLabel("Amount").fill("10");
      await page.getByRole("button", { name: "Save plan" }).click();
      await expect(blank.getByText("Choose a pillar for this line.")).toBeVisible();
      await expectAccessible(page);
    });
  });

  test.describe("refusals", () => {
    test("403 page", async ({ page }) => {
      await login(page, "staff@demo.test");
      const response = await page.goto("/foundation/members");
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "Not available to you" })).toBeVisible();
      await expectAccessible(page);
    });

    test("404 page when logged in", async ({ page }) => {
      await login(page, "director@demo.test");
      const response = await page.goto("/organisations/00000000-0000-4000-8000-000000000000");
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
      await expectAccessible(page);
    });
  });
});

test.describe("accessibility of learning pages (axe: no serious or critical violations)", () => {
  // Sized to the work: an axe analysis takes about 10 s on a fully loaded 2-core machine, and some tests analyse several pages.
  test.describe.configure({ timeout: 120_000 });
  test.describe("program officer", () => {
    test.beforeEach(async ({ page }) => {
      await login(page, "officer@demo.test");
    });
    const pages: [string, string][] = [
      ["/practices", "Practices library"],
      ["/practices?tier=contraindicated", "Practices library"],
      ["/practices/reiki", "Reiki"],
      ["/practices/about", "About the evidence"],
      ["/practices?q=nothing-matches-this", "Practices library"],
      ["/foundation/resources", "Our resources"],
      ["/cohorts", "Cohorts"],
    ];
    for (const [path, heading] of pages) {
      test(`${path}`, async ({ page }) => {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
        await expectAccessible(page);
      });
    }

    test("a cohort, one of its sessions with attendance, and a discussion thread", async ({ page }) => {
      await page.goto("/cohorts");
      await page.getByRole("link", { name: "STS learning circle 2026" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("STS learning circle 2026");
      await expectAccessible(page);
      await page.getByRole("link", { name: "Caseloads and schedules" }).click();
      await expect(page.getByRole("heading", { name: "Attendance" })).toBeVisible();
      await expectAccessible(page);
      await page.goBack();
      await page.getByRole("link", { name: "Quiet rooms on a small budget" }).click();
      await expect(page.getByText(/Hidden by Daniel Reyes/)).toBeVisible();
      await expectAccessible(page);
    });

    test("cohort creation with refused input", async ({ page }) => {
      await page.goto("/cohorts");
      await page.getByRole("button", { name: "Create cohort" }).click();
      await expect(page.getByText("This field is required.").first()).toBeVisible();
      await expectAccessible(page);
    });
  });

  test.describe("organisation staff", () => {
    test("home with cohorts, a session to answer, a thread, and the account's email switches", async ({ page }) => {
      await login(page, "member@demo.test");
      await expect(page.getByRole("heading", { name: "Your cohorts" })).toBeVisible();
      await expectAccessible(page);
      await page.getByRole("link", { name: "STS learning circle 2026" }).click();
      await expectAccessible(page);
      await page.getByRole("link", { name: "Peer support that lasts" }).click();
      await expect(page.getByRole("group", { name: "Will you come?" })).toBeVisible();
      await expectAccessible(page);
      await page.goto("/account");
      await expect(page.getByRole("heading", { name: "Learning community email" })).toBeVisible();
      await expectAccessible(page);
    });
  });
});
