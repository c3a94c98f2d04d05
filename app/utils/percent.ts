/** "10", "10.5", "10,25 %" → basis points (1000 = 10%), exactly, with no float arithmetic. */
export function parsePercentToBps(input: string): number | null {
  const cleaned = input.trim().replace(/\s*%$/, "").replace(",", ".");
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const bps = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return bps >= 0 && bps <= 10000 ? bps : null;
}

export function bpsToPercentString(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const frac = bps % 100;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}
