import { expect, test, type Page } from "@playwright/test";
import { chooseStage, login } from "./helpers";

const PILLARS = ["Leadership", "Workload", "Workspace", "Supervision", "Peer support", "Individualisation"];
// "Nothing is graded" (the page's own reassurance) is not a grade: whole words only.
const GRADE_WORDS = /\bscores?\b|\bgrades?\b|\/ ?100|%|\bfail|\bpass(ed)?\b|\bbehind\b|\boverdue\b|\bdeclin|\bregress|\bworse|\bdropped\b/i;

/**
 * Journey, not grade: continuum charts and the portfolio's spread are drawn without traffic-light colours
 * (red, orange, amber, green: no pass/fail colouring) and without scores or percentages of "competence".
 */
async function gradingColours(page: Page, selector: string) {
  return page.locator(selector).evaluateAll((roots) => {
    const found: string[] = [];
    const rgb = (v: string) => /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(v)?.slice(1, 4).map(Number);
    // Saturated and bright enough to signal, with a hue of red, orange, amber/yellow or green.
    const signal = ([r, g, b]: number[]) => {
      const max = Math.max(r, g, b);
      const min = Math.min(r, g, b);
      if (max < 90 || (max - min) / max < 0.4) return false;
      const d = max - min;
      const hue = (max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4) * 60;
      return hue < 65 || hue >= 330 || (hue >= 75 && hue < 170);
    };
    for (const root of roots) {
      for (const el of [root, ...root.querySelectorAll("*")]) {
        const style = getComputedStyle(el);
        for (const value of [style.fill, style.stroke, style.color, style.backgroundColor, style.borderColor]) {
          const c = rgb(value ?? "");
          if (c && signal(c)) found.push(`${el.tagName} ${value}`);
        }
      }
    }
    return found;
  });
}

test("a journey that moves back has no traffic-light colours and no grade, for the director and for the foundation", async ({ page, browser }) => {
  test.setTimeout(180_000); // sized to the work: a self-assessment finished, then two people's views checked (44 s measured under load)
  // Riverside's director finishes a self-assessment at Blindness on every pillar: a step back from its journey so far.
  await login(page, "director@demo.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Competence continuum" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Competence continuum");
  const start = page.getByRole("button", { name: "Start a new self-assessment" });
  if (await start.count()) await start.click();
  else await page.getByRole("link", { name: "Continue your draft" }).click();
  for (const pillar of PILLARS) await chooseStage(page, pillar, "Blindness");
  await page.getByRole("button", { name: "Finish this self-assessment" }).click();
  await expect(page).toHaveURL(/notice=continuum-finished/);
  const continuumUrl = page.url().replace(/\?.*$/, "");

  // The journey, with the step back as its latest point.
  await expect(page.getByTestId("journey-table")).toBeVisible();
  await expect(page.getByTestId("journey-table").getByRole("row", { name: /Leadership/ })).toHaveText(/Blindness$/);
  const charts = page.locator('[data-testid^="journey-"]');
  expect(await charts.count()).toBeGreaterThan(1);
  expect(await gradingColours(page, '[data-testid^="journey-"]')).toEqual([]);
  await expect(page.locator("main")).not.toContainText(GRADE_WORDS);

  // The finished assessment itself.
  await page
    .getByRole("link", { name: /^Finished / })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Self-assessment finished /);
  expect(await gradingColours(page, "main")).toEqual([]);
  await expect(page.locator("main")).not.toContainText(GRADE_WORDS);

  // The foundation's view of the shared journey.
  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await login(officer, "officer@demo.test");
  await officer.goto("/foundation/organisations");
  const riverside = (await officer.getByRole("link", { name: "Riverside Refugee Services", exact: true }).getAttribute("href"))!.split("/").pop()!;
  expect(continuumUrl).toContain(riverside);
  await officer.goto(`/foundation/organisations/${riverside}/continuum`);
  await expect(officer.getByTestId("journey-table")).toBeVisible();
  await expect(officer.getByTestId("journey-table").getByRole("row", { name: /Leadership/ })).toHaveText(/Blindness$/);
  expect(await gradingColours(officer, "main")).toEqual([]);
  await expect(officer.locator("main")).not.toContainText(GRADE_WORDS);
  await officerContext.close();
});

test("the portfolio's spread of planned money has no traffic-light colours", async ({ page }) => {
  await login(page, "officer@demo.test");
  await page.goto("/portfolio");
  const svg = page.locator("main svg");
  expect(await svg.count()).toBeGreaterThan(0);
  expect(await gradingColours(page, "main svg")).toEqual([]);
});
