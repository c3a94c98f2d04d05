import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateToken, hashToken, safeEqual, sign } from "./tokens.server";

describe("generateToken", () => {
  it("is 32 lower-case base32 characters, i.e. 160 bits", () => {
    const token = generateToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(token.length * 5).toBe(160);
  });

  it("differs on every call", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateToken()));
    expect(tokens.size).toBe(1000);
  });
});

describe("hashToken", () => {
  it("is the hex SHA-256 of the token", () => {
    const token = generateToken();
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash("sha256").update(token, "utf8").digest("hex"));
  });

  it("matches a known vector and differs between tokens", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashToken("abc")).not.toBe(hashToken("abd"));
  });
});

describe("safeEqual", () => {
  it("is true only for identical strings", () => {
    expect(safeEqual("same-value", "same-value")).toBe(true);
    expect(safeEqual("same-value", "same-valuf")).toBe(false);
    expect(safeEqual("short", "shorter")).toBe(false);
    expect(safeEqual("", "")).toBe(true);
    expect(safeEqual("", "x")).toBe(false);
  });
});

describe("sign", () => {
  it("depends on both the secret and the payload", () => {
    expect(sign("k", "p")).toBe(sign("k", "p"));
    expect(sign("k", "p")).not.toBe(sign("k2", "p"));
    expect(sign("k", "p")).not.toBe(sign("k", "p2"));
    expect(sign("k", "p")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
