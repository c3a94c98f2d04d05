import { expect, test } from "@playwright/test";
import { login } from "./helpers";

test.describe("the server around every page", () => {
  test("a NUL byte in a URL is refused before any page", async ({ request }) => {
    const res = await request.get("/practices?q=%00");
    expect(res.status()).toBe(400);
  });

  test("/healthz answers JSON naming the engine", async ({ request }) => {
    const res = await request.get("/healthz");
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { ok: boolean; db: string };
    expect(body.ok).toBe(true);
    expect(body.db).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
  });

  test("a page reports its database, app and render time, and HTML is compressed", async ({ page }) => {
    await login(page, "admin@demo.test");
    const res = await page.request.get("/foundation/settings", { headers: { "accept-encoding": "gzip" } });
    expect(res.status()).toBe(200);
    const timing = res.headers()["server-timing"] ?? "";
    expect(timing).toMatch(/db;dur=[\d.]+;desc="[1-9]\d* queries"/);
    expect(timing).toMatch(/app;dur=[\d.]+/);
    expect(timing).toMatch(/render;dur=[\d.]+/);
    expect(res.headers()["content-encoding"]).toBe("gzip");
  });

  test("loader data for client navigations carries Server-Timing too", async ({ page }) => {
    await login(page, "admin@demo.test");
    const res = await page.request.get("/foundation/settings?_data=routes%2Ffoundation.settings");
    expect(res.status()).toBe(200);
    expect(res.headers()["server-timing"]).toMatch(/db;dur=[\d.]+;desc="[1-9]\d* queries"/);
  });

  test("a kept portfolio document runs its scripts under the nonce of its own response", async ({ page }) => {
    await page.addInitScript(() => {
      (window as unknown as { cspViolations: string[] }).cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { cspViolations: string[] }).cspViolations.push(e.violatedDirective));
    });
    await login(page, "officer@demo.test");
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = (await page.goto("/portfolio"))!;
      expect(res.status()).toBe(200);
      if (i === 1) {
        expect(res.headers()["server-timing"]).toMatch(/render;dur=[\d.]+;desc="kept"/);
        // Compressed when it was kept; the browser decodes it like any gzipped page.
        expect(res.headers()["content-encoding"]).toBe("gzip");
      }
      nonces.push(/'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")![1]);
      // Hydrated: the browser ran the page's module scripts, which the policy allows only with this nonce.
      await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter))).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    }
    expect(nonces[1]).not.toBe(nonces[0]);
    // Client navigation works from the kept document: the sort link fetches data, it does not reload.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByRole("columnheader", { name: "Organisation" }).getByRole("link").click();
    await expect(page).toHaveURL(/sort=organisation/);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  });

  test("security headers are set on pages", async ({ request }) => {
    const res = await request.get("/login");
    const h = res.headers();
    expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });
});

test("session and CSRF cookies are HttpOnly and SameSite=Lax, and the session token is long and random", async ({ request, baseURL }) => {
  const page = await request.get("/login");
  const csrfCookie = page.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("sts_csrf="));
  expect(csrfCookie?.value).toMatch(/HttpOnly/i);
  expect(csrfCookie?.value).toMatch(/SameSite=Lax/i);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1];
  const res = await request.post("/login", {
    form: { email: "staff@demo.test", password: "commons-demo-2026", csrf, redirectTo: "/" },
    headers: { origin: baseURL! },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(302);
  const session = res.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("sts_session="));
  expect(session?.value).toMatch(/HttpOnly/i);
  expect(session?.value).toMatch(/SameSite=Lax/i);
  expect(session?.value).toMatch(/Path=\//);
  const token = /^sts_session=([^;]+)/.exec(session!.value)![1];
  // At least 128 bits: 26+ base32 characters.
  expect(token.length).toBeGreaterThanOrEqual(26);
});
