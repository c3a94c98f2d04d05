import { expect, test } from "@playwright/test";
import { chooseStage, login } from "./helpers";

const PILLARS = ["Leadership", "Workload", "Workspace", "Supervision", "Peer support", "Individualisation"];
// Every stage as a word, the bare "Competence" included: it is checked in what a page says (main content and its
// data), not in the navigation, whose "Competence continuum" link is on every page.
const STAGE_WORDS = /\b(Blindness|Pre-competence|Competence|Proficiency|blindness|pre_competence|competence|proficiency)\b/;

/** What a page says: its main content and the data it was rendered from; a CSV whole. */
function contentOf(body: string) {
  if (!body.trimStart().startsWith("<")) return body;
  const main = /<main[\s\S]*?<\/main>/.exec(body)?.[0];
  expect(main, "a page with a <main>").toBeDefined();
  const data = [...body.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).filter((s) => s.includes("loaderData"));
  return [main, ...data].join("\n");
}

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
  await officer.goto("/grant-lines");
  const lineLinks = await officer
    .getByRole("main")
    .getByRole("link")
    .evaluateAll((links) =>
      links.map((a) => (a as HTMLAnchorElement).getAttribute("href")).filter((h): h is string => Boolean(h && /^\/grant-lines\/[0-9a-f-]{36}$/.test(h))),
    );
  expect(lineLinks.length).toBeGreaterThan(0);
  const paths = [
    "/portfolio",
    "/portfolio?organisation=Riverside&sort=planned&dir=desc",
    "/portfolio.csv",
    "/portfolio.csv?organisation=Riverside",
    "/portfolio/plan-lines.csv",
    "/grant-lines",
    ...lineLinks,
    ...grantLinks,
  ];
  for (const path of paths) {
    const res = await officer.request.get(path);
    expect(res.status(), path).toBe(200);
    const body = await res.text();
    expect(body, path).not.toContain(marker);
    expect(contentOf(body), path).not.toMatch(STAGE_WORDS);
  }
  // The word list can match: the officer's view of the shared journey says "Proficiency" in its main content.
  expect(contentOf(await journey.text())).toMatch(STAGE_WORDS);
  // Sorting by anything continuum-related is not a thing the portfolio knows: refused, not quietly sorted by title.
  for (const path of ["/portfolio?sort=stage&dir=desc", "/portfolio.csv?sort=stage", "/portfolio/plan-lines.csv?sort=stage"]) {
    const sortedByStage = await officer.request.get(path);
    expect(sortedByStage.status(), path).toBe(400);
    expect(contentOf(await sortedByStage.text()), path).not.toMatch(STAGE_WORDS);
  }
  await officerContext.close();
});
