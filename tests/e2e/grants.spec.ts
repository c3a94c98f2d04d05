import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { expectAccessible, login, waitForMail } from "./helpers";

const RIVERSIDE = "Riverside Refugee Services";

test("an officer funds a grant, the director plans it within the allowance, and the portfolio shows it", async ({ browser }) => {
  test.setTimeout(90_000); // sized to the work: two people, a grant, a plan and the portfolio
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const lineName = `Resettlement ${suffix}`;
  const title = `Housing caseworkers ${suffix}`;

  // The program officer creates a line with an STS enhancement (the foundation's 10% default) and a grant on it.
  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await login(officer, "officer@demo.test");
  await officer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Grant lines" }).click();
  await expect(officer.getByRole("heading", { level: 1 })).toHaveText("Grant lines");
  const lineForm = officer.getByRole("form", { name: "New grant line" });
  await lineForm.getByLabel("Name").fill(lineName);
  await lineForm.getByLabel("Fiscal year").fill("2026");
  await lineForm.getByLabel("Kind").selectOption({ label: "With STS enhancement" });
  await lineForm.getByRole("button", { name: "Create grant line" }).click();
  await expect(officer.getByRole("heading", { level: 1 })).toHaveText(lineName);

  const grantForm = officer.getByRole("form", { name: "New grant on this line" });
  await grantForm.getByLabel("Grantee organisation").selectOption({ label: RIVERSIDE });
  await grantForm.getByLabel("Title").fill(title);
  await grantForm.getByLabel("Proposed budget").fill("$50,000");
  await grantForm.getByLabel("Status").selectOption({ label: "Active" });
  await grantForm.getByRole("button", { name: "Create grant" }).click();
  await expect(officer.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(officer.getByText("$5,000.00").first()).toBeVisible();
  await expect(officer.getByText("No plan lines yet.")).toBeVisible();

  // The director writes a plan, goes over the allowance, is told by how much, and keeps what they typed.
  const directorContext = await browser.newContext();
  const director = await directorContext.newPage();
  await login(director, "director@demo.test");
  await director.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Grants" }).click();
  await director.getByRole("link", { name: title }).click();
  await expect(director.getByRole("heading", { level: 1 })).toHaveText(title);
  const line1 = director.getByRole("group", { name: "Line 1" });
  const line2 = director.getByRole("group", { name: "Line 2" });
  await line1.getByLabel("Pillar").selectOption({ label: "Supervision" });
  await line1.getByLabel("Purpose").selectOption({ label: "Prevention" });
  await line1.getByLabel("Description").fill("Monthly group supervision");
  await line1.getByLabel("Amount").fill("4,000");
  await line2.getByLabel("Pillar").selectOption({ label: "Leadership" });
  await line2.getByLabel("Amount").fill("$1,500.50");
  // The running total follows the typing; the server decides on save.
  await expect(director.getByTestId("plan-total")).toHaveText("$5,500.50");
  await expect(director.getByTestId("plan-totals")).toContainText("Over the allowance by");
  await expect(director.getByTestId("plan-remaining")).toHaveText("$500.50");
  await director.getByRole("button", { name: "Save plan" }).click();
  await expect(director.getByRole("alert")).toContainText("This plan is $500.50 over the STS allowance of $5,000.00");
  await expect(director.getByRole("group", { name: "Line 2" }).getByLabel("Amount")).toHaveValue("$1,500.50");
  await expect(director.getByRole("group", { name: "Line 1" }).getByLabel("Description")).toHaveValue("Monthly group supervision");
  await expect(director.getByText("No plan lines yet.")).toBeVisible();

  await director.getByRole("group", { name: "Line 2" }).getByLabel("Amount").fill("1,000");
  await expect(director.getByTestId("plan-remaining")).toHaveText("$0.00");
  await director.getByRole("button", { name: "Save plan" }).click();
  await expect(director.getByRole("status")).toHaveText("Saved.");
  const saved = director.getByRole("table", { name: "STS plan" });
  await expect(saved.getByRole("row").filter({ hasText: "Monthly group supervision" })).toContainText("$4,000.00");
  await expect(saved.getByRole("row").filter({ hasText: "Total planned" })).toContainText("$5,000.00");

  // A word in the learning conversation, which the officer reads on their side.
  await director.getByLabel("Message").fill(`Supervision starts in May ${suffix}.`);
  await director.getByRole("button", { name: "Post message" }).click();
  await expect(director.getByText(`Supervision starts in May ${suffix}.`)).toBeVisible();

  // The officer sees it in the portfolio, filtered to the new line, and downloads the same rows.
  await officer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Portfolio" }).click();
  await officer.getByLabel("Grant line", { exact: true }).selectOption({ label: `${lineName} (2026)` });
  await officer.getByRole("button", { name: "Apply" }).click();
  await expect(officer).toHaveURL(/[?&]line=[0-9a-f-]{36}/);
  const row = officer.getByRole("table", { name: "Grants" }).getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("$50,000.00");
  await expect(row).toContainText("$5,000.00");
  await expect(officer.getByTestId("portfolio-totals")).toContainText("$5,000.00");
  const [download] = await Promise.all([officer.waitForEvent("download"), officer.getByRole("link", { name: "Download these grants (CSV)" }).click()]);
  const file = readFileSync(await download.path());
  // The byte-order mark Excel needs to read the file as UTF-8.
  expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = parse(file.toString("utf8"), { bom: true });
  expect(csv).toHaveLength(2);
  const [header, record] = csv;
  const cell = (name: string) => record[header.indexOf(name)];
  expect(cell("Title")).toBe(title);
  expect(cell("Organisation")).toBe(RIVERSIDE);
  expect(cell("Proposed budget")).toBe("50000.00");
  expect(cell("STS allowance")).toBe("5000.00");
  expect(cell("Planned")).toBe("5000.00");

  // The grant page shows the officer the plan, read-only.
  await row.getByRole("link", { name: title }).click();
  await expect(officer.getByRole("table", { name: "STS plan" }).getByRole("row").filter({ hasText: "Leadership" })).toContainText("$1,000.00");
  await expect(officer.getByRole("button", { name: "Save plan" })).toHaveCount(0);
  await expect(officer.getByText(`Supervision starts in May ${suffix}.`)).toBeVisible();
  await expect(officer.getByText("Lucia Fernández (organisation)")).toBeVisible();

  // Cutting the budget below what is planned is refused, saying how much must come out of the plan first.
  const editForm = officer.getByRole("form", { name: "Edit grant" });
  await editForm.getByLabel("Proposed budget").fill("40,000");
  await editForm.getByRole("button", { name: "Save" }).click();
  await expect(editForm.getByText("$1,000.00 must come out of the plan first")).toBeVisible();
  await expect(officer.getByRole("form", { name: "Edit grant" }).getByLabel("Proposed budget")).toHaveValue("40,000");
  await expect(officer.getByRole("form", { name: "Edit grant" }).getByLabel("Proposed budget")).toHaveAttribute("aria-invalid", "true");
  await officerContext.close();
  await directorContext.close();
});

test("a plan saved meanwhile in another tab shows as a conflict, with the current plan and the input kept", async ({ browser }) => {
  test.setTimeout(60_000); // sized to the work: two tabs, two saves
  const context = await browser.newContext();
  const first = await context.newPage();
  await login(first, "director@demo.test");
  await first.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Grants" }).click();
  await first.getByRole("link", { name: "Interpreter services" }).click();
  await expect(first.getByRole("heading", { level: 1 })).toHaveText("Interpreter services");
  const url = first.url();
  // A second window (its own session), as a colleague or another device would be.
  const secondContext = await browser.newContext();
  const second = await secondContext.newPage();
  await login(second, "director@demo.test");
  await second.goto(url);

  await first.getByRole("group", { name: "Line 1" }).getByLabel("Pillar").selectOption({ label: "Workload" });
  await first.getByRole("group", { name: "Line 1" }).getByLabel("Amount").fill("2,000");
  await first.getByRole("button", { name: "Save plan" }).click();
  await expect(first.getByRole("status")).toHaveText("Saved.");

  await second.getByRole("group", { name: "Line 1" }).getByLabel("Pillar").selectOption({ label: "Peer support" });
  await second.getByRole("group", { name: "Line 1" }).getByLabel("Description").fill("Peer consultation");
  await second.getByRole("group", { name: "Line 1" }).getByLabel("Amount").fill("3,000");
  await second.getByRole("button", { name: "Save plan" }).click();
  const alert = second.getByRole("alert").filter({ hasText: "The plan changed while you were editing" });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole("row").filter({ hasText: "Workload" })).toContainText("$2,000.00");
  await expect(second.getByRole("group", { name: "Line 1" }).getByLabel("Description")).toHaveValue("Peer consultation");
  await expect(second.getByRole("group", { name: "Line 1" }).getByLabel("Amount")).toHaveValue("3,000");
  await expectAccessible(second);

  // Saving again, now knowingly, replaces the plan.
  await second.getByRole("button", { name: "Save plan" }).click();
  await expect(second.getByRole("status")).toHaveText("Saved.");
  await expect(second.getByRole("table", { name: "STS plan" })).toContainText("Peer consultation");
  await expect(second.getByRole("table", { name: "STS plan" })).not.toContainText("Workload");
  await context.close();
  await secondContext.close();
});

test("another organisation's director and foundation staff cannot reach a grant", async ({ browser }) => {
  test.setTimeout(60_000); // sized to the work: four people sign in
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, "director@demo.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Grants" }).click();
  await page.getByRole("link", { name: "Caseworker team expansion" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Caseworker team expansion");
  const riversidePath = new URL(page.url()).pathname;
  const [, , riversideId, , grantId] = riversidePath.split("/");
  await context.close();

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await login(other, "director2@demo.test");
  expect((await other.goto(riversidePath))?.status()).toBe(404);
  await other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Grants" }).click();
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Grants");
  await expect(other).toHaveURL(/\/grants$/);
  const ownBase = new URL(other.url()).pathname;
  expect(ownBase).not.toContain(riversideId);
  expect((await other.goto(`${ownBase}/${grantId}`))?.status()).toBe(404);
  await expect(other.getByText("Caseworker team expansion")).toHaveCount(0);
  await otherContext.close();

  // Organisation staff read the plan and the conversation; only the director writes.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await login(member, "member@demo.test");
  await member.goto(riversidePath);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("Caseworker team expansion");
  await expect(member.getByRole("table", { name: "STS plan" })).toContainText("Peer support circles");
  await expect(member.getByText("Fewer sick days so far.")).toBeVisible();
  await expect(member.getByRole("button", { name: "Save plan" })).toHaveCount(0);
  await expect(member.getByRole("button", { name: "Post message" })).toHaveCount(0);
  await memberContext.close();

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await login(staff, "staff@demo.test");
  expect((await staff.goto("/portfolio"))?.status()).toBe(403);
  expect((await staff.goto("/portfolio.csv"))?.status()).toBe(403);
  expect((await staff.goto(`/grants/${grantId}`))?.status()).toBe(403);
  await staffContext.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server totals the plan and refuses more than the allowance, keeping the input", async ({ page }) => {
    await login(page, "director@demo.test");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Grants" }).click();
    await page.getByRole("link", { name: "Reflective supervision programme" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reflective supervision programme");
    const extra = page.getByRole("group", { name: "Line 4" });
    await extra.getByLabel("Pillar").selectOption({ label: "Workload" });
    await extra.getByLabel("Amount").fill("0.01");
    await page.getByRole("button", { name: "Save plan" }).click();
    await expect(page.getByRole("alert")).toContainText("This plan is $0.01 over the STS allowance of $60,000.00");
    await expect(page.getByTestId("plan-total")).toHaveText("$60,000.01");
    await expect(page.getByTestId("plan-remaining")).toHaveText("$0.01");
    await expect(page.getByRole("group", { name: "Line 4" }).getByLabel("Amount")).toHaveValue("0.01");
    await expect(page.getByRole("table", { name: "STS plan" }).getByRole("row").filter({ hasText: "Total planned" })).toContainText("$60,000.00");
  });
});

test("an officer funds a new organisation and its director is invited in the same step", async ({ page }) => {
  test.setTimeout(60_000); // sized to the work: a grant and an emailed invitation
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const email = `director-${suffix}@example.org`;
  await login(page, "officer@demo.test");
  await page.goto("/grant-lines");
  await page.getByRole("link", { name: "Anti-trafficking response" }).click();
  const form = page.getByRole("form", { name: "New grant on this line" });
  await form.getByLabel("New organisation's name").fill(`Lakeside Shelter ${suffix}`);
  await form.getByLabel("Its director's email").fill(email);
  await form.getByLabel("Title").fill(`Night shelter staff ${suffix}`);
  await form.getByLabel("Proposed budget").fill("80000");
  await form.getByRole("button", { name: "Create grant" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Night shelter staff ${suffix}`);
  await expect(page.getByText(`Lakeside Shelter ${suffix}`)).toBeVisible();
  // 12.5% on this line.
  await expect(page.getByText("$10,000.00").first()).toBeVisible();
  const mail = await waitForMail(email, "invited");
  expect(mail.subject).toBe(`You are invited to join Lakeside Shelter ${suffix} on STS Commons`);
});
