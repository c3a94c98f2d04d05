import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./http.server";

describe("safeRedirectPath", () => {
  it.each(["//evil.com", "//evil.com/account", "https://evil", "http://evil.com/", "/\\evil", "/\\/evil.com", "evil", "", "javascript:alert(1)"])(
    "refuses %j",
    (to) => {
      expect(safeRedirectPath(to)).toBe("/");
      expect(safeRedirectPath(to, "/home")).toBe("/home");
    },
  );

  it.each(["/\t/evil.com", "/\n/evil.com", "/\r\n/evil.com", "/\t\\evil.com"])(
    "refuses %j, which a browser would read as another host once it drops the control characters",
    (to) => {
      expect(new URL(to, "https://app.example").origin).not.toBe("https://app.example");
      expect(safeRedirectPath(to)).toBe("/");
    },
  );

  it("refuses other control characters too", () => {
    expect(safeRedirectPath("/account\u0000", "/fallback")).toBe("/fallback");
    expect(safeRedirectPath("/account\u007F", "/fallback")).toBe("/fallback");
  });

  it("only ever returns paths that stay on the site", () => {
    const tails = ["", "/", "\\", "\t", "\n", " ", "evil.com", "%2f", "@", ":", "?", "#"];
    for (const a of tails)
      for (const b of tails)
        for (const c of tails) {
          const to = `/${a}${b}${c}evil.com`;
          const kept = safeRedirectPath(to, "/fallback");
          expect(new URL(kept, "https://app.example").origin, JSON.stringify(to)).toBe("https://app.example");
        }
  });

  it("refuses values that are not strings", () => {
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(new File(["x"], "x.txt") as unknown as FormDataEntryValue, "/fallback")).toBe("/fallback");
  });

  it("keeps same-site relative paths", () => {
    expect(safeRedirectPath("/account?x=1")).toBe("/account?x=1");
    expect(safeRedirectPath("/")).toBe("/");
    expect(safeRedirectPath("/organisations/abc/members#top")).toBe("/organisations/abc/members#top");
  });
});
