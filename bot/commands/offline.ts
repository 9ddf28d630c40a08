import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {checkPages, checkResultJson, type CheckResult, type PageInput} from '../../shared/check';
import {coreMessages} from '../../shared/i18n/core';
import {editPartnership, EditRefused} from '../../shared/wikitext/edit';
import type {Day} from '../../shared/model/dates';
import {rulesConfig, type Config} from '../config';
import {UsageError, type Io} from '../io';
import {nodeWikitextTools} from '../wikitext';
import {formatCheckSummary} from './summary';

/** A wikitext file as one page, titled by its file name without the extension. */
export function readPageFile(file: string, cwd: string): PageInput {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const base = path.basename(file);
  const extension = path.extname(base);
  return {title: extension ? base.slice(0, -extension.length) : base, text};
}

export interface CheckFilesOptions {
  readonly files: readonly string[];
  readonly today: Day;
  readonly json: boolean;
  readonly config: Config;
}

export function checkFiles(options: CheckFilesOptions, io: Io): CheckResult {
  const pages = options.files.map((file) => readPageFile(file, io.cwd));
  const result = checkPages(pages, {
    today: options.today,
    rules: rulesConfig(options.config),
    tools: nodeWikitextTools(options.config.template.names),
    messages: coreMessages('en'),
  });
  io.stdout(options.json ? `${JSON.stringify(checkResultJson(result), null, 2)}\n` : formatCheckSummary(result));
  return result;
}

export interface SetFileOptions {
  readonly file: string;
  readonly index: number;
  readonly changes: Readonly<Record<string, string>>;
  readonly write: boolean;
  readonly json: boolean;
  readonly config: Config;
}

export function setFile(options: SetFileOptions, io: Io): void {
  const page = readPageFile(options.file, io.cwd);
  let result;
  try {
    result = editPartnership(page.text, options.index, options.changes, nodeWikitextTools(options.config.template.names));
  } catch (error) {
    if (error instanceof EditRefused) throw new UsageError(`${options.file}${error.field ? `: ${error.field}` : ''}: ${error.message}`);
    throw error;
  }
  if (options.write) {
    if (result.changed.length > 0) writeFileSync(path.resolve(io.cwd, options.file), result.text, 'utf8');
    const summary = {page: page.title, index: options.index, changed: result.changed, written: options.write && result.changed.length > 0};
    io.stdout(options.json ? `${JSON.stringify(summary)}\n` : `${result.changed.length > 0 ? `Changed ${result.changed.join(', ')} in ${options.file}` : `Nothing to change in ${options.file}`}\n`);
    return;
  }
  io.stdout(options.json ? `${JSON.stringify({page: page.title, index: options.index, changed: result.changed, text: result.text})}\n` : result.text);
}
