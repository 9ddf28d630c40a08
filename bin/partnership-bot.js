#!/usr/bin/env node
'use strict';
// Runs the compiled CLI when `npm run build` has produced it, else the TypeScript source.
const path = require('node:path');
const fs = require('node:fs');

const built = path.join(__dirname, '..', 'build', 'bot', 'cli.js');
let cli;
if (fs.existsSync(built) && !process.env.PT_FROM_SOURCE) {
  cli = require(built);
} else {
  require('ts-node').register({transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json')});
  cli = require('../bot/cli.ts');
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
