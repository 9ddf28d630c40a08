// Jest global teardown of the integration project: stop the throwaway wiki that global setup
// started (never a wiki given through PT_TEST_API; kept running when PT_KEEP_WIKI=1).
import path from 'node:path';
import {ENV, REPO_ROOT, runDevWiki} from './global-setup';

export default async function globalTeardown(): Promise<void> {
  if (process.env[ENV.startedBySetup] !== '1') return;
  const dir = process.env[ENV.dir];
  if (!dir) return;
  if (process.env[ENV.keep] === '1') {
    process.stderr.write(
      `\n${ENV.keep}=1: the test wiki keeps running at ${process.env[ENV.api]} ` +
        `(credentials in ${path.relative(REPO_ROOT, dir)}/*.env; stop it with: bash scripts/dev-wiki.sh stop --dir ${path.relative(REPO_ROOT, dir)})\n`,
    );
    return;
  }
  try {
    await runDevWiki(['stop', '--dir', dir]);
  } catch (error) {
    process.stderr.write(`\nCould not stop the test wiki: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  delete process.env[ENV.startedBySetup];
}
