import { describe, expect, it } from "vitest";
import { roleLabelKey } from "./roles";

describe("role labels", () => {
  it("name an organisation's staff apart from a foundation's", () => {
    expect(roleLabelKey("foundation", "staff")).toBe("roles.staff");
    expect(roleLabelKey("organisation", "staff")).toBe("roles.organisation_staff");
    expect(roleLabelKey("foundation", "program_officer")).toBe("roles.program_officer");
    expect(roleLabelKey("organisation", "director")).toBe("roles.director");
  });
});
