#!/usr/bin/env node
/**
 * First-load JavaScript of a route, gzipped, from the output of `next build` (Next 16 no longer
 * prints per-route sizes).
 *
 *   node apps/guest/scripts/first-load-js.mjs                 # checks /t/[code] against 150 kB
 *   node apps/guest/scripts/first-load-js.mjs / /orders/[orderId] --limit 150
 *
 * What a route loads first: the framework's root main files (`.next/build-manifest.json`
 * `rootMainFiles`), plus the client chunks of every entry on the route's path (layouts, page,
 * error and not-found boundaries), listed in `entryJSFiles` of the route's client reference
 * manifest (`.next/server/app/<route>/page_client-reference-manifest.js`). Legacy polyfills
 * (`nomodule`, never loaded by modern browsers) and lazily imported chunks are not counted.
 * Each file is gzipped at zlib's default level (6), as a typical server would send it.
 * kB = 1000 bytes. Exits 1 when a route is over the limit, 2 when the build output is missing.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const nextDir = join(appDir, ".next");

const args = process.argv.slice(2);
let limitKb = 150;
const routes = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--limit") limitKb = Number(args[++i]);
  else routes.push(args[i]);
}
if (routes.length === 0) routes.push("/t/[code]");
if (!Number.isFinite(limitKb) || limitKb <= 0) {
  console.error("--limit must be a positive number of kB");
  process.exit(2);
}

function fail(message) {
  console.error(message);
  process.exit(2);
}

const buildManifestPath = join(nextDir, "build-manifest.json");
if (!existsSync(buildManifestPath))
  fail(`No build output at ${nextDir}: run \`pnpm --filter @tabletap/guest build\` first.`);
const buildManifest = JSON.parse(readFileSync(buildManifestPath, "utf8"));
const rootMainFiles = buildManifest.rootMainFiles ?? [];

function clientReferenceManifest(route) {
  const page = route === "/" ? "/page" : `${route}/page`;
  const file = join(nextDir, "server", "app", `${page}_client-reference-manifest.js`);
  if (!existsSync(file)) fail(`No client reference manifest for ${route} (${file}). Is it an app route of this build?`);
  const sandbox = { globalThis: {} };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox, { filename: file });
  const manifest = sandbox.__RSC_MANIFEST?.[page];
  if (!manifest) fail(`${file} has no manifest for ${page}`);
  return manifest;
}

const sizes = new Map();
function gzipSize(file) {
  if (!sizes.has(file)) {
    const path = join(nextDir, file.replace(/^\/?_next\//, ""));
    if (!existsSync(path)) fail(`Missing chunk ${path}`);
    const raw = readFileSync(path);
    sizes.set(file, { raw: raw.length, gzip: gzipSync(raw).length });
  }
  return sizes.get(file);
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
let over = false;
for (const route of routes) {
  const manifest = clientReferenceManifest(route);
  const files = new Set(rootMainFiles);
  for (const chunks of Object.values(manifest.entryJSFiles ?? {})) for (const chunk of chunks) files.add(chunk);
  const rows = [...files].filter((f) => f.endsWith(".js")).map((file) => ({ file, ...gzipSize(file) }));
  rows.sort((a, b) => b.gzip - a.gzip);
  const total = rows.reduce((sum, r) => sum + r.gzip, 0);
  const totalRaw = rows.reduce((sum, r) => sum + r.raw, 0);
  console.log(`\nFirst-load JS for ${route}`);
  for (const row of rows) console.log(`  ${kb(row.gzip).padStart(9)} gz  ${kb(row.raw).padStart(9)} raw  ${row.file}`);
  const ok = total <= limitKb * 1000;
  console.log(
    `  ${kb(total).padStart(9)} gz  ${kb(totalRaw).padStart(9)} raw  total — ${ok ? "within" : "OVER"} the ${limitKb} kB budget`,
  );
  if (!ok) over = true;
}
process.exit(over ? 1 : 0);
