import { describe, expect, it } from "vitest";
import { idSchema, isId, isPracticeId } from "./ids";

describe("ids", () => {
  it("accepts the UUIDs the app makes", () => {
    const id = crypto.randomUUID();
    expect(isId(id)).toBe(true);
    expect(idSchema.safeParse(id).success).toBe(true);
  });

  it.each([
    "-".repeat(36),
    "a".repeat(36),
    "abcdefgh-ijkl-mnop-qrst-uvwxyzabcdef",
    "00000000-0000-0000-0000-00000000000",
    "00000000-0000-0000-0000-0000000000000",
    "{00000000-0000-0000-0000-000000000000}",
    "00000000000000000000000000000000",
    " 00000000-0000-0000-0000-000000000000",
    "00000000-0000-0000-0000-000000000000\n",
    "A0000000-0000-0000-0000-000000000000",
    "",
  ])("refuses %j", (value) => {
    expect(isId(value)).toBe(false);
    expect(idSchema.safeParse(value).success).toBe(false);
  });

  it("refuses what is not a string", () => {
    expect(isId(undefined)).toBe(false);
    expect(isId(["00000000-0000-0000-0000-000000000000"])).toBe(false);
  });

  it("reads practice slugs strictly", () => {
    expect(isPracticeId("lower-caseloads")).toBe(true);
    expect(isPracticeId("Lower-caseloads")).toBe(false);
    expect(isPracticeId("--")).toBe(false);
    expect(isPracticeId("a".repeat(61))).toBe(false);
  });
});
