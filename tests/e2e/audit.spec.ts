import { expect, test, type Page } from "@playwright/test";
import { login } from "./helpers";

async function setMinimumGroupSize(page: Page, value: string) {
  await page.goto("/foundation/settings");
  await page.getByLabel("Minimum group size for aggregates").fill(value);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/notice=saved/);
}

test("an admin finds settings changes in the audit trail, filtered by person, and a bad date is named", async ({ page }) => {
  await login(page, "admin@demo.test");
  await page.goto("/foundation/settings");
  const original = await page.getByLabel("Minimum group size for aggregates").inputValue();
  const changed = String(Number(original) + 7);
  // Changed and put back, so other tests meet the demo foundation as seeded.
  await setMinimumGroupSize(page, changed);
  await setMinimumGroupSize(page, original);

  await page.goto("/foundation/audit");
  await page.getByLabel("Person").selectOption({ label: "Amara Okafor (admin@demo.test)" });
  await page.getByLabel("Kind of record").selectOption("foundation");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/person=.*object=foundation/);
  const rows = page.getByRole("row");
  await expect(rows.nth(1)).toContainText("Amara Okafor");
  await expect(rows.nth(1)).toContainText(`"min_group_size":${changed}`); // before of the restore
  await expect(rows.nth(2)).toContainText(`"min_group_size":${original}`); // before of the change

  await page.goto("/foundation/audit?from=31-12-2026");
  await expect(page.getByText("Enter a date like 2026-01-31.")).toBeVisible();
  await expect(page.getByLabel("From")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("From")).toHaveValue("");
});
