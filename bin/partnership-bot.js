#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (fast start) when `npm run build` has produced it and no source file is
// newer; otherwise the TypeScript source, so a checkout never runs stale code.
const path = require('node:path');
const fs = require('node:fs');

const root = path.join(__dirname, '..');
const built = path.join(root, 'build', 'bot', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsFresh() {
  if (process.env.PT_FROM_SOURCE || !fs.existsSync(built)) return false;
  const sources = ['bot', 'shared', 'config', 'i18n'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
  return Math.max(...sources.map(newestSource)) <= fs.statSync(built).mtimeMs;
}

let cli;
if (buildIsFresh()) {
  cli = require(built);
} else {
  require('ts-node').register({transpileOnly: true, project: path.join(root, 'tsconfig.json')});
  cli = require('../bot/cli.ts');
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
