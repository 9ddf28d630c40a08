import {parseArgs, type ParseArgsConfig} from 'node:util';
import {dayOf, parseIsoDate, type Day} from '../shared/model/dates';
import {ConfigError, loadConfig, type Config} from './config';
import {checkFiles, setFile} from './commands/offline';
import {reportCommand} from './commands/report';
import {runCommand} from './commands/run';
import {checkCommand, installCommand, setCommand} from './commands/wiki';
import {nudgeCommand} from './commands/nudge';
import {startCommand} from './commands/start';
import {processIo, UsageError, WikiError, type Io} from './io';

const USAGE = `Usage: partnership-bot <command> [options]

Commands:
  check [--file PATH…]          print findings (from the wiki, or from wikitext files offline)
  set --file PATH key=value…    change parameters of one partnership in a wikitext file
  set PAGE key=value…           change parameters of one partnership on the wiki
  nudge [--dry-run]             post reminders on coordinators' talk pages
  report [--dry-run]            write the status table page(s)
  report --format csv|json      print the status table for spreadsheets instead (also with --file PATH…)
  run                           check, nudge and report, once
  start                         stay up and run on the configured schedule
  install [--dry-run]           put the template, its documentation, the gadget and the configuration page on the wiki

Options:
  --json              machine-readable output on stdout
  --today YYYY-MM-DD  the day to judge partnerships on (default: today, UTC)
  --config PATH       configuration file (default: ./partnership-bot.config.json when present)
  --index N           with set: which partnership on the page (0-based, default 0)
  --write             with set --file: rewrite the file instead of printing the new text
  --dry-run           with nudge, report, run, install: print what would be written, write nothing
  --log-format json   with start: one JSON object per log line
  --help              this text
`;

const OPTIONS = {
  json: {type: 'boolean'},
  today: {type: 'string'},
  config: {type: 'string'},
  file: {type: 'string', multiple: true},
  index: {type: 'string'},
  write: {type: 'boolean'},
  'dry-run': {type: 'boolean'},
  'log-format': {type: 'string'},
  format: {type: 'string'},
  help: {type: 'boolean', short: 'h'},
} as const satisfies ParseArgsConfig['options'];

type Values = ReturnType<typeof parseArgs<{options: typeof OPTIONS; allowPositionals: true; strict: true}>>['values'];

export interface CommandContext {
  readonly values: Values;
  readonly args: readonly string[];
  readonly today: Day;
  readonly config: Config;
  readonly io: Io;
}

type Command = (ctx: CommandContext) => Promise<void> | void;

const COMMANDS: Record<string, Command> = {
  check: (ctx) => {
    if (!ctx.values.file?.length) return checkCommand(ctx);
    const files = [...ctx.values.file, ...ctx.args];
    checkFiles({files, today: ctx.today, json: Boolean(ctx.values.json), config: ctx.config}, ctx.io);
  },
  set: (ctx) => {
    const [file] = ctx.values.file ?? [];
    if (file === undefined) {
      const [page, ...assignments] = ctx.args;
      if (page === undefined || page.includes('=')) throw new UsageError('set: give the page title (or --file PATH) before key=value');
      return setCommand(ctx, page, parseIndex(ctx.values.index), parseAssignments(assignments));
    }
    if ((ctx.values.file?.length ?? 0) > 1) throw new UsageError('set: give one --file');
    setFile({file, index: parseIndex(ctx.values.index), changes: parseAssignments(ctx.args), write: Boolean(ctx.values.write),
      json: Boolean(ctx.values.json), config: ctx.config}, ctx.io);
  },
  install: installCommand,
  report: reportCommand,
  nudge: nudgeCommand,
  run: runCommand,
  start: startCommand,
};

export function parseIndex(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d+$/.test(text)) throw new UsageError(`--index must be a whole number from 0, not "${text}"`);
  return Number(text);
}

/** `key=value` pairs; `key=` empties the value. */
export function parseAssignments(args: readonly string[]): Record<string, string> {
  if (args.length === 0) throw new UsageError('set: give at least one key=value');
  const changes: Record<string, string> = {};
  for (const arg of args) {
    const equals = arg.indexOf('=');
    if (equals <= 0) throw new UsageError(`set: "${arg}" is not key=value`);
    changes[arg.slice(0, equals).trim()] = arg.slice(equals + 1);
  }
  return changes;
}

function parseToday(text: string | undefined): Day {
  if (text === undefined) return dayOf(new Date());
  const day = parseIsoDate(text);
  if (day === null) throw new UsageError(`--today: "${text}" is not a valid date (YYYY-MM-DD)`);
  return day;
}

export function registerCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({args: [...argv], options: OPTIONS, allowPositionals: true, strict: true});
    } catch (error) {
      throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad usage');
    }
    const [name, ...args] = parsed.positionals;
    if (parsed.values.help || name === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    if (name === undefined) throw new UsageError('no command given; see partnership-bot --help');
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command "${name}"; see partnership-bot --help`);
    const today = parseToday(parsed.values.today);
    const {config} = loadConfig(parsed.values.config, io.cwd);
    await command({values: parsed.values, args, today, config, io});
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr(`partnership-bot: ${error.message}\n`);
      return 2;
    }
    if (error instanceof WikiError) {
      io.stderr(`partnership-bot: ${error.message}\n`);
      return 1;
    }
    io.stderr(`partnership-bot: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
