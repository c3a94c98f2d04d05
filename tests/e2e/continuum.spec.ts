import { expect, test, type Page } from "@playwright/test";
import { chooseStage, login, uniqueEmail, waitForMail } from "./helpers";
import { acceptAsNewAccount, FOUNDATION, freshFoundationMember, invitationPathFor } from "./flows";

const PILLARS = ["Leadership", "Workload", "Workspace", "Supervision", "Peer support", "Individualisation"];
const FOUNDATION_VIEW_ROUTE = encodeURIComponent("routes/foundation.organisations_.$organisationId.continuum");

/**
 * Everything the foundation's view answers over HTTP for one organisation: the HTML document,
 * the loader data (single fetch `.data`, and the older `?_data=` form), and their headers.
 */
async function foundationResponses(page: Page, organisationId: string) {
  const path = `/foundation/organisations/${organisationId}/continuum`;
  const [html, data, legacy] = await Promise.all([
    page.request.get(path, { maxRedirects: 0 }),
    page.request.get(`${path}.data?_routes=${FOUNDATION_VIEW_ROUTE}`, { maxRedirects: 0 }),
    page.request.get(`${path}?_data=${FOUNDATION_VIEW_ROUTE}`, { maxRedirects: 0 }),
  ]);
  return {
    status: html.status(),
    dataStatus: data.status(),
    html: await html.text(),
    data: await data.text(),
    legacy: await legacy.text(),
    headers: Object.keys(html.headers()).sort(),
  };
}

function expectNoStage(r: Awaited<ReturnType<typeof foundationResponses>>) {
  for (const body of [r.html, r.data, r.legacy]) expect(body).not.toMatch(STAGE_WORDS);
}

const STAGE_WORDS = /blindness|pre_competence|"competence"|proficiency|Blindness|Pre-competence|Proficiency/;

test.describe("competence continuum", () => {
  test("a director takes two self-assessments, shares the journey, and revokes it at once", async ({ page, browser }) => {
    test.setTimeout(240_000); // two self-assessments, sharing and two browsers: 1.7 min measured on a fully loaded 2-core machine
    const organisation = `Willow Creek Outreach ${Date.now().toString(36)}`;
    const directorEmail = uniqueEmail("continuum-director");

    // The foundation adds the organisation; its director joins through the invitation.
    await login(page, "admin@demo.test");
    await page.goto("/foundation/organisations");
    await page.getByLabel("Organisation name").fill(organisation);
    await page.getByLabel("Director's email").fill(directorEmail);
    await page.getByRole("button", { name: "Add and invite" }).click();
    const href = await page.getByRole("link", { name: organisation, exact: true }).getAttribute("href");
    const organisationId = href!.split("/").pop()!;
    const directorContext = await browser.newContext();
    const director = await directorContext.newPage();
    await acceptAsNewAccount(director, await invitationPathFor(directorEmail, organisation), "Dara Director", "director-password-7");

    await director.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Competence continuum" }).click();
    await expect(director.getByRole("heading", { level: 1 })).toHaveText("Competence continuum");
    await expect(director.getByText("No finished self-assessments yet.")).toBeVisible();

    // First self-assessment: finishing without every pillar is refused next to the pillar, input kept.
    await director.getByRole("button", { name: "Start a new self-assessment" }).click();
    await expect(director.getByRole("heading", { level: 1 })).toHaveText("Self-assessment (draft)");
    // No stage at all: refused next to the first pillar, the reflection kept.
    await director.getByLabel("Overall reflection").fill("We are starting to talk about it.");
    await director.getByRole("button", { name: "Finish this self-assessment" }).click();
    await expect(director.getByRole("group", { name: "Leadership", exact: true })).toContainText("Choose a stage for at least one pillar before finishing.");
    await expect(director.getByLabel("Overall reflection")).toHaveValue("We are starting to talk about it.");
    // Five pillars and not the sixth: it finishes, the sixth not set (not prescriptive, docs/decisions/0074).
    for (const pillar of PILLARS.slice(0, 5)) await chooseStage(director, pillar, "Pre-competence");
    await director.getByRole("button", { name: "Finish this self-assessment" }).click();
    await expect(director).toHaveURL(/\/continuum\?notice=continuum-finished$/);
    await expect(director.getByTestId("journey-table").getByRole("columnheader")).toHaveCount(2);

    // Second one: a draft saves as you go, then it is finished as a new point in time.
    await director.getByRole("button", { name: "Start a new self-assessment" }).click();
    await chooseStage(director, "Leadership", "Competence");
    await expect(director.getByText("Draft saved.")).toBeVisible();
    await director.reload();
    await expect(director.getByRole("group", { name: "Leadership", exact: true }).getByRole("radio", { name: /^Competence:/ })).toBeChecked();
    for (const pillar of PILLARS.slice(1)) await chooseStage(director, pillar, "Competence");
    await chooseStage(director, "Peer support", "Proficiency");
    await director.getByRole("button", { name: "Finish this self-assessment" }).click();
    await expect(director).toHaveURL(/\/continuum\?notice=continuum-finished$/);
    const table = director.getByTestId("journey-table");
    await expect(table.getByRole("columnheader")).toHaveCount(3);
    await expect(table.getByRole("row", { name: /Peer support/ })).toHaveText(/Peer support\s*Pre-competence\s*Proficiency/);
    await expect(table.getByRole("row", { name: /Individualisation/ })).toHaveText(/Individualisation\s*Not set\s*Competence/);
    await expect(director.getByTestId("journey-leadership").locator("path")).toHaveCount(1);

    // Not shared: the officer sees "not shared" and no stage, in the page or its data.
    const officerContext = await browser.newContext();
    const officer = await officerContext.newPage();
    await login(officer, "officer@demo.test");
    await officer.goto(`/foundation/organisations/${organisationId}/continuum`);
    await expect(officer.getByTestId("continuum-not-shared")).toHaveText("Not shared");
    await expect(officer.getByTestId("journey-table")).toHaveCount(0);
    let loaded = await foundationResponses(officer, organisationId);
    expect([loaded.status, loaded.dataStatus]).toEqual([200, 200]);
    expect(loaded.html).toContain("Not shared");
    expectNoStage(loaded);
    const notSharedHeaders = loaded.headers;

    // Foundation staff never see an organisation's journey.
    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    await login(staff, "staff@demo.test");
    expect((await staff.goto(`/foundation/organisations/${organisationId}/continuum`))?.status()).toBe(403);
    const staffData = await foundationResponses(staff, organisationId);
    expect(staffData.status).toBe(403);
    expectNoStage(staffData);

    // Shared: the officer sees the journey; the organisation sees who looked.
    await director.getByRole("link", { name: "Sharing and who viewed your journey" }).click();
    await expect(director.getByText("Nobody at a foundation has viewed your journey.")).toBeVisible();
    await director.getByRole("button", { name: `Share with ${FOUNDATION}` }).click();
    await expect(director.getByRole("status")).toHaveText("Your journey is now shared with that foundation.");
    await officer.reload();
    await expect(officer.getByTestId("journey-table").getByRole("columnheader")).toHaveCount(3);
    loaded = await foundationResponses(officer, organisationId);
    expect(loaded.data).toContain('"proficiency"');
    expect(loaded.html).toContain("Proficiency");
    // Stages only: the organisation's reflections stay with it.
    for (const body of [loaded.html, loaded.data]) expect(body).not.toContain("We are starting to talk about it.");
    expect(loaded.headers).toEqual(notSharedHeaders);
    await director.reload();
    await expect(
      director.getByRole("table", { name: "Views of your shared journey, newest first" }).getByRole("row").filter({ hasText: "Daniel Reyes" }).first(),
    ).toContainText(FOUNDATION);

    // Revoked: hidden on the very next request.
    await director.getByRole("button", { name: `Stop sharing with ${FOUNDATION}` }).click();
    await expect(director.getByRole("status")).toHaveText("You stopped sharing. That foundation no longer sees your journey.");
    await officer.reload();
    await expect(officer.getByTestId("continuum-not-shared")).toHaveText("Not shared");
    await expect(officer.getByTestId("journey-table")).toHaveCount(0);
    loaded = await foundationResponses(officer, organisationId);
    expect(loaded.html).toContain("Not shared");
    expectNoStage(loaded);

    // No due dates, reminders or overdue states anywhere on the organisation's pages.
    for (const path of [`/organisations/${organisationId}/continuum`, `/organisations/${organisationId}/continuum/sharing`]) {
      await director.goto(path);
      await expect(director.locator("main")).not.toContainText(/overdue|due date|reminder|deadline|score/i);
    }
    await Promise.all([directorContext.close(), officerContext.close(), staffContext.close()]);
  });

  test("five foundation staff answer privately; the admin sees the summary only after the fifth", async ({ page, browser }) => {
    test.setTimeout(300_000); // five people answer in their own browsers: 2.1 min measured on a fully loaded 2-core machine
    await login(page, "admin@demo.test");
    const year = new Date().getUTCFullYear();
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await freshFoundationMember(browser, "Staff", `self${i}`));

    // One invitation email to every member; afterwards the button is gone (no reminders).
    await page.goto("/foundation/self-assessment/summary");
    await page.getByRole("button", { name: "Send the invitation" }).click();
    await expect(page.getByRole("status")).toHaveText("The invitation was sent.");
    await expect(page.getByRole("button", { name: "Send the invitation" })).toHaveCount(0);
    const mail = await waitForMail(people[0].user.email, "Where does");
    expect(mail.text).toContain("/foundation/self-assessment");
    expect(mail.text).toMatch(/no reminders/i);

    const summary = page.getByTestId("aggregate");
    for (const [i, { page: member, user }] of people.entries()) {
      await member.goto("/foundation/self-assessment");
      if (i === 0) {
        // Nothing chosen: refused next to the questions, comment kept.
        await member.getByLabel("Comment (optional)").fill(`A private thought of ${user.name}`);
        await member.getByRole("button", { name: "Save my answers" }).click();
        await expect(member.getByRole("group", { name: "Your own understanding of STS" })).toContainText("Choose a stage for this question.");
        await expect(member.getByLabel("Comment (optional)")).toHaveValue(`A private thought of ${user.name}`);
      }
      for (const question of [
        "The foundation's own understanding of STS",
        "Learning together with the programmes it funds",
        "Using its funding to support STS work",
        "Recognising that staff needs differ",
        "Your own understanding of STS",
      ]) {
        await chooseStage(member, question, i % 2 === 0 ? "Pre-competence" : "Competence");
      }
      await member.getByRole("button", { name: "Save my answers" }).click();
      await expect(member.getByRole("status")).toHaveText("Your answers are saved. Only you can see them.");
      await expect(member.getByTestId("own-history").getByRole("row")).toHaveCount(2);
      if (i > 0) await expect(member.locator("main")).not.toContainText(`A private thought of ${people[0].user.name}`);

      await page.goto(`/foundation/self-assessment/summary?year=${year}`);
      if (i < 4) {
        await expect(summary).toContainText("Not enough responses yet.");
        await expect(summary.getByRole("table")).toHaveCount(0);
      } else {
        await expect(summary).toContainText(`5 people answered in ${year}.`);
        const table = summary.getByRole("table", { name: "Your own understanding of STS: number of people at each stage" });
        await expect(table.getByRole("row", { name: /Pre-competence/ })).toHaveText(/Pre-competence\s*3/);
        await expect(table.getByRole("row", { name: /^Competence/ })).toHaveText(/Competence\s*2/);
        await expect(summary).toContainText("Comments shared anonymously appear once at least 8 people have answered.");
      }
    }
    // The admin never sees who answered, nor anyone's private comment.
    const text = await page.locator("main").innerText();
    for (const { user } of people) {
      expect(text).not.toContain(user.name);
      expect(text).not.toContain(user.email);
    }
    expect(text).not.toContain("A private thought");
    await Promise.all(people.map((p) => p.context.close()));
  });
  test("without JavaScript a draft saves with its button, and a stale save conflicts visibly", async ({ browser }) => {
    test.setTimeout(90_000); // sized to the work: two browsers sign in and save
    const contexts = await Promise.all([browser.newContext({ javaScriptEnabled: false }), browser.newContext({ javaScriptEnabled: false })]);
    const [first, second] = await Promise.all(contexts.map((c) => c.newPage()));
    await login(first, "director2@demo.test");
    await login(second, "director2@demo.test");
    await first.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Competence continuum" }).click();
    await expect(first.getByRole("heading", { level: 1 })).toHaveText("Competence continuum");
    const start = first.getByRole("button", { name: "Start a new self-assessment" });
    if (await start.count()) await start.click();
    else await first.getByRole("link", { name: "Continue your draft" }).click();
    await expect(first.getByRole("heading", { level: 1 })).toHaveText("Self-assessment (draft)");
    const draftUrl = first.url();
    await second.goto(draftUrl);

    await chooseStage(first, "Workload", "Competence", { scripts: false });
    await first.getByLabel("What we want to try next").fill("A quiet room");
    await first.getByRole("button", { name: "Save draft" }).click();
    await expect(first).toHaveURL(/\?notice=saved$/);
    await expect(first.getByRole("group", { name: "Workload", exact: true }).getByRole("radio", { name: /^Competence:/ })).toBeChecked();
    await expect(first.getByLabel("What we want to try next")).toHaveValue("A quiet room");

    // The second tab still holds the old version: its save is refused, its input kept, nothing overwritten.
    await second.getByLabel("What we want to try next").fill("Something else");
    await second.getByRole("button", { name: "Save draft" }).click();
    await expect(second.getByRole("alert")).toContainText("Someone else changed this while you were editing.");
    await expect(second.getByLabel("What we want to try next")).toHaveValue("Something else");
    await first.reload();
    await expect(first.getByLabel("What we want to try next")).toHaveValue("A quiet room");
    await Promise.all(contexts.map((c) => c.close()));
  });
  test("staff contribute to a draft only when the director invites them, and never see the journey", async ({ browser }) => {
    test.setTimeout(90_000); // sized to the work: two browsers, an invitation, saves by both
    const [directorContext, staffContext] = await Promise.all([browser.newContext(), browser.newContext()]);
    const [director, member] = await Promise.all([directorContext.newPage(), staffContext.newPage()]);
    await login(director, "director@demo.test");
    await login(member, "member@demo.test");
    await director.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Competence continuum" }).click();
    await expect(director.getByRole("heading", { level: 1 })).toHaveText("Competence continuum");
    const continuumUrl = director.url();
    const start = director.getByRole("button", { name: "Start a new self-assessment" });
    if (await start.count()) await start.click();
    else await director.getByRole("link", { name: "Continue your draft" }).click();
    await expect(director.getByRole("heading", { level: 1 })).toHaveText("Self-assessment (draft)");
    const draftUrl = director.url();

    await member.goto(continuumUrl);
    await expect(member.getByText("Nothing is waiting for you here.")).toBeVisible();
    await expect(member.getByTestId("journey-table")).toHaveCount(0);
    expect((await member.goto(draftUrl))?.status()).toBe(404);

    await director.getByRole("button", { name: "Invite staff to contribute" }).click();
    await expect(director.getByRole("button", { name: "Stop staff contributions" })).toBeVisible();
    await member.goto(continuumUrl);
    await member.getByRole("link", { name: "Contribute to the self-assessment" }).click();
    await expect(member.getByRole("heading", { level: 1 })).toHaveText("Self-assessment (draft)");
    await expect(member.getByRole("button", { name: "Finish this self-assessment" })).toHaveCount(0);
    await member.getByLabel("Note on Peer support (optional)").fill("Our Friday check-ins help.");
    await member.getByRole("button", { name: "Save draft" }).click();
    await expect(member).toHaveURL(/\?notice=saved$/);
    await director.reload();
    await expect(director.getByLabel("Note on Peer support (optional)")).toHaveValue("Our Friday check-ins help.");

    await director.getByRole("button", { name: "Stop staff contributions" }).click();
    await expect(director.getByRole("button", { name: "Invite staff to contribute" })).toBeVisible();
    expect((await member.goto(draftUrl))?.status()).toBe(404);
    await Promise.all([directorContext.close(), staffContext.close()]);
  });
});
