#!/usr/bin/env node
// `npm start`: install what is missing, build if stale, then serve (server.ts migrates and seeds).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const entry of readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

const installedMarker = "node_modules/.package-lock.json";
if (!existsSync(installedMarker) || newest("package-lock.json") > newest(installedMarker)) {
  console.log("[start] installing dependencies…");
  const ci = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (ci.status !== 0) run("npm", ["install", "--no-audit", "--no-fund"]);
}

const buildOutput = "build/server/index.js";
const sources = ["app", "emails", "db", "public", "vite.config.ts", "package.json", "package-lock.json", "tsconfig.json"];
if (!existsSync(buildOutput) || Math.max(...sources.map(newest)) > newest(buildOutput)) {
  console.log("[start] building…");
  run("npx", ["remix", "vite:build"]);
}

const child = spawn(path.join("node_modules", ".bin", "tsx"), ["server.ts"], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
