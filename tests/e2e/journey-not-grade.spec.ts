import { expect, test, type Page } from "@playwright/test";
import { login } from "./helpers";

/**
 * Journey, not grade: continuum charts and the portfolio's spread are drawn without red or green
 * (no pass/fail colouring) and without scores or percentages of "competence".
 */
async function gradingColours(page: Page, selector: string) {
  return page.locator(selector).evaluateAll((roots) => {
    const found: string[] = [];
    const rgb = (v: string) => /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(v)?.slice(1, 4).map(Number);
    for (const root of roots) {
      for (const el of [root, ...root.querySelectorAll("*")]) {
        const style = getComputedStyle(el);
        for (const value of [style.fill, style.stroke, style.color, style.backgroundColor]) {
          const c = rgb(value ?? "");
          if (!c) continue;
          const [r, g, b] = c as [number, number, number];
          const red = r > 150 && g < 110 && b < 110;
          const green = g > 120 && r < 110 && b < 110;
          if (red || green) found.push(`${el.tagName} ${value}`);
        }
      }
    }
    return found;
  });
}

test("the continuum journey has no red or green, no score and no percentage", async ({ page }) => {
  await login(page, "director@demo.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Competence continuum" }).click();
  await expect(page.getByTestId("journey-table")).toBeVisible();
  const charts = page.locator('[data-testid^="journey-"]');
  expect(await charts.count()).toBeGreaterThan(1);
  expect(await gradingColours(page, '[data-testid^="journey-"]')).toEqual([]);
  await expect(page.locator("main")).not.toContainText(/score|\/ ?100|%|fail|pass(ed)?\b|behind|overdue/i);
});

test("the portfolio's spread of planned money has no red or green", async ({ page }) => {
  await login(page, "officer@demo.test");
  await page.goto("/portfolio");
  const svg = page.locator("main svg");
  expect(await svg.count()).toBeGreaterThan(0);
  expect(await gradingColours(page, "main svg")).toEqual([]);
});
