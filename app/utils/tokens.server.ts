import { sha256 } from "@oslojs/crypto/sha2";
import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { timingSafeEqual } from "node:crypto";

/** 160 bits from the platform CSPRNG, base32 so it survives URLs and cookies untouched. */
export function generateToken(bytes = 20): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

/** What we store instead of a token: its SHA-256, hex encoded (64 characters). */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function sign(secret: string, payload: string): string {
  const mac = hmac(SHA256, new TextEncoder().encode(secret), new TextEncoder().encode(payload));
  return encodeBase64urlNoPadding(mac);
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
