import { describe, expect, it } from "vitest";
import { formText } from "./form-data";

describe("formText", () => {
  it("reads a text field as submitted", () => {
    const form = new FormData();
    form.set("intent", "unpin");
    expect(formText(form, "intent")).toBe("unpin");
  });

  it("reads a missing field or a file as empty text", () => {
    const form = new FormData();
    form.set("intent", new Blob(["unpin"]), "intent.txt");
    expect(formText(form, "intent")).toBe("");
    expect(formText(form, "pinId")).toBe("");
  });
});
