import { expect, test, type Page } from "@playwright/test";
import { login } from "./helpers";

const RIVERSIDE = "Riverside Refugee Services";
const SAFE_PASSAGE = "Safe Passage Anti-Trafficking Network";

/** Organisation ids as the foundation admin sees them in the grantee list. */
const ids: Record<string, string> = {};

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, "admin@demo.test");
  await page.goto("/foundation/organisations");
  for (const name of [RIVERSIDE, SAFE_PASSAGE]) {
    const href = await page.getByRole("link", { name, exact: true }).getAttribute("href");
    const id = /^\/organisations\/([0-9a-f-]{36})$/.exec(href ?? "")?.[1];
    expect(id, `link of ${name}`).toBeTruthy();
    ids[name] = id!;
  }
  expect(ids[RIVERSIDE]).not.toBe(ids[SAFE_PASSAGE]);
  await context.close();
});

async function expectStatusPage(page: Page, path: string, status: 403 | 404) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  const title = status === 404 ? "Page not found" : "Not available to you";
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page).toHaveTitle(`${title} · STS Commons`);
}

test.describe("tenant isolation", () => {
  test("a director cannot open another organisation's pages, only their own", async ({ page }) => {
    await login(page, "director@demo.test");
    const other = ids[SAFE_PASSAGE];
    for (const path of [`/organisations/${other}`, `/organisations/${other}/members`, `/organisations/${other}/outbox`]) {
      await expectStatusPage(page, path, 404);
      await expect(page.getByText(SAFE_PASSAGE)).toHaveCount(0);
      await expect(page.getByText("director2@demo.test")).toHaveCount(0);
    }
    // A made-up id looks exactly the same as somebody else's real one.
    await expectStatusPage(page, "/organisations/00000000-0000-4000-8000-000000000000", 404);

    const own = ids[RIVERSIDE];
    const response = await page.goto(`/organisations/${own}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(RIVERSIDE);
    await page.goto(`/organisations/${own}/members`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Staff and invitations");
    await expect(page.getByRole("table", { name: "Staff and invitations" })).toContainText("member@demo.test");
    // Still acting for their own organisation after the refused visits.
    await expect(page.getByTestId("acting-for")).toHaveText(RIVERSIDE);
  });

  test("the other director is refused the first director's organisation the same way", async ({ page }) => {
    await login(page, "director2@demo.test");
    await expectStatusPage(page, `/organisations/${ids[RIVERSIDE]}/members`, 404);
    await expect(page.getByText("member@demo.test")).toHaveCount(0);
    await page.goto(`/organisations/${ids[SAFE_PASSAGE]}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(SAFE_PASSAGE);
  });

  test("organisation staff see their organisation but get 403 on its staff and email pages", async ({ page }) => {
    await login(page, "member@demo.test");
    const own = ids[RIVERSIDE];
    await page.goto(`/organisations/${own}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(RIVERSIDE);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Organisation overview" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Staff and invitations" })).toHaveCount(0);

    await expectStatusPage(page, `/organisations/${own}/members`, 403);
    await expect(page.getByRole("table")).toHaveCount(0);
    await expectStatusPage(page, `/organisations/${own}/outbox`, 403);
    // And another organisation is simply not there.
    await expectStatusPage(page, `/organisations/${ids[SAFE_PASSAGE]}/members`, 404);
  });

  test("foundation staff get 403 on the foundation's member page", async ({ page }) => {
    await login(page, "staff@demo.test");
    await expectStatusPage(page, "/foundation/members", 403);
    await expect(page.getByText("admin@demo.test")).toHaveCount(0);
    await expectStatusPage(page, "/foundation/settings", 403);
    await expectStatusPage(page, "/foundation/organisations", 403);
    await expectStatusPage(page, "/foundation/audit", 403);
  });

  test("a program officer gets 403 on foundation settings but sees the grantees", async ({ page }) => {
    await login(page, "officer@demo.test");
    await expectStatusPage(page, "/foundation/settings", 403);
    await expect(page.getByLabel("Foundation name")).toHaveCount(0);
    await expectStatusPage(page, "/foundation/members", 403);

    const response = await page.goto("/foundation/organisations");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("link", { name: RIVERSIDE, exact: true })).toBeVisible();
    // Reading the list does not come with the admin's form.
    await expect(page.getByRole("button", { name: "Add and invite" })).toHaveCount(0);
  });

  test("organisation members cannot reach foundation pages", async ({ page }) => {
    await login(page, "director@demo.test");
    await expectStatusPage(page, "/foundation/members", 403);
    await expectStatusPage(page, "/foundation/organisations", 403);
  });
});
