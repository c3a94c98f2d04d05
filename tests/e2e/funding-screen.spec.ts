import { expect, test } from "@playwright/test";
import { chooseStage, login } from "./helpers";

const PILLARS = ["Leadership", "Workload", "Workspace", "Supervision", "Peer support", "Individualisation"];
const STAGE_WORDS = /blindness|pre_competence|"competence"|proficiency|Blindness|Pre-competence|Proficiency/;

test("never a funding screen: a shared self-assessment leaves no trace in grant and portfolio pages or exports", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const marker = `MARKER-${Date.now().toString(36)}`;

  // Riverside shares its journey with the demo foundation; its director finishes a self-assessment carrying the marker.
  await login(page, "director@demo.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Competence continuum" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Competence continuum");
  const start = page.getByRole("button", { name: "Start a new self-assessment" });
  if (await start.count()) await start.click();
  else await page.getByRole("link", { name: "Continue your draft" }).click();
  for (const pillar of PILLARS) await chooseStage(page, pillar, "Proficiency");
  await page.getByLabel("Overall reflection").fill(`${marker} reflection`);
  await page.getByRole("button", { name: "Finish this self-assessment" }).click();
  await expect(page).toHaveURL(/notice=continuum-finished/);

  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await login(officer, "officer@demo.test");
  // The shared journey is there for the officer to see, on its own page.
  await officer.goto("/foundation/organisations");
  const riverside = (await officer.getByRole("link", { name: "Riverside Refugee Services", exact: true }).getAttribute("href"))!.split("/").pop()!;
  const journey = await officer.request.get(`/foundation/organisations/${riverside}/continuum`);
  expect(await journey.text()).toMatch(/Proficiency/);

  // …and nowhere in what grant decisions are made from.
  await officer.goto(`/portfolio?organisation=Riverside`);
  const grantLinks = await officer
    .getByRole("link")
    .evaluateAll((links) =>
      links.map((a) => (a as HTMLAnchorElement).getAttribute("href")).filter((h): h is string => Boolean(h && /^\/grants\/[0-9a-f-]{36}$/.test(h))),
    );
  expect(grantLinks.length).toBeGreaterThan(0);
  const paths = [
    "/portfolio",
    "/portfolio?organisation=Riverside&sort=planned&dir=desc",
    "/portfolio.csv",
    "/portfolio.csv?organisation=Riverside",
    "/portfolio/plan-lines.csv",
    "/grant-lines",
    ...grantLinks,
  ];
  for (const path of paths) {
    const res = await officer.request.get(path);
    expect(res.status(), path).toBe(200);
    const body = await res.text();
    expect(body, path).not.toContain(marker);
    expect(body, path).not.toMatch(STAGE_WORDS);
  }
  // Sorting or filtering by anything continuum-related is not a thing the portfolio knows.
  const sortedByStage = await officer.request.get("/portfolio?sort=stage&dir=desc");
  expect(sortedByStage.status()).toBe(200);
  expect(await sortedByStage.text()).not.toMatch(STAGE_WORDS);
  await officerContext.close();
});
