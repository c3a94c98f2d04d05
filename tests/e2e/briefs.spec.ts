import { expect, test, type Download, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { extractText, getDocumentProxy } from "unpdf";
import { expectAccessible, login } from "./helpers";

async function pdfTextOf(download: Download) {
  const bytes = new Uint8Array(readFileSync(await download.path()));
  expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  return text;
}

async function download(page: Page, button: string | RegExp) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  return file;
}

test.describe("PDF briefs", () => {
  test("a program officer downloads a cohort brief from the cohort page", async ({ page }) => {
    test.setTimeout(150_000); // sized to the work: a PDF render (the server allows 120 s under test)
    await login(page, "officer@demo.test");
    await page.goto("/cohorts");
    const name = "STS learning circle 2026";
    await page.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    const file = await download(page, "Download the cohort brief (PDF)");
    expect(file.suggestedFilename()).toMatch(/^cohort-brief-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.pdf$/);
    const text = await pdfTextOf(file);
    expect(text).toContain(`Cohort brief: ${name}`);
    expect(text).toContain("Harbour Light Foundation");
    expect(text).toMatch(/Page 1 of \d+/);
  });

  test("a director downloads the plan brief, with the journey only when ticked", async ({ page }) => {
    test.setTimeout(150_000); // sized to the work: two PDF renders
    await login(page, "director@demo.test");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Grants" }).click();
    const plain = await pdfTextOf(await download(page, "Download our STS plan brief (PDF)"));
    expect(plain).toContain("STS plan brief: Riverside Refugee Services");
    expect(plain).not.toContain("Our continuum journey");

    await page.getByLabel("Include our continuum journey").check();
    const withJourney = await pdfTextOf(await download(page, "Download our STS plan brief (PDF)"));
    expect(withJourney).toContain("Our continuum journey");
  });

  test("an admin downloads the foundation brief from the self-assessment summary", async ({ page }) => {
    test.setTimeout(150_000); // sized to the work: a PDF render
    await login(page, "admin@demo.test");
    await page.goto("/foundation/self-assessment/summary");
    const file = await download(page, /^Download the foundation brief for \d{4} \(PDF\)$/);
    expect(file.suggestedFilename()).toMatch(/^foundation-brief-harbour-light-foundation-/);
    const text = await pdfTextOf(file);
    expect(text).toContain("Foundation brief: Harbour Light Foundation");
    expect(text).toContain("STS investment");
  });

  test("a brief that could not be made is explained on the page, with a retry", async ({ page }) => {
    await login(page, "officer@demo.test");
    await page.goto("/cohorts");
    await page.getByRole("link", { name: "STS learning circle 2026", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("STS learning circle 2026");
    await page.goto(`${new URL(page.url()).pathname}?brief=timeout`);
    await expect(page.getByRole("alert")).toContainText("The brief took too long to make.");
    await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
    await expectAccessible(page);
  });
});
