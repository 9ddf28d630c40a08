// The MediaWiki that integration tests run against.
//
// test/integration/global-setup.ts either starts a throwaway wiki (scripts/dev-wiki.sh) or uses
// the one named by PT_TEST_API, and exports its credentials through process.env, which the test
// workers inherit. See test/integration/README.md.
import {ENV} from './global-setup';

export interface TestWiki {
  /** api.php URL, e.g. http://127.0.0.1:8091/api.php */
  api: string;
  /** Bot password user name, e.g. PartnershipBot@tracker */
  username: string;
  /** Bot password token */
  password: string;
  /** Main-account credentials of an administrator (sysop + interface-admin), when known */
  adminUsername?: string;
  adminPassword?: string;
  /** Directory of the throwaway wiki, when global setup started one */
  dir?: string;
}

function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Why there is no wiki to test against, or undefined when there is one. */
export function unavailableReason(): string | undefined {
  const reason = env(ENV.unavailable);
  if (reason) return reason;
  const missing = [ENV.api, ENV.username, ENV.password].filter((name) => !env(name));
  if (missing.length > 0) return `${missing.join(', ')} not set (did the integration global setup run?)`;
  return undefined;
}

export const wikiAvailable: boolean = unavailableReason() === undefined;

/** `describe` when a wiki is available, otherwise the skipping variant (tests reported as skipped). */
export const describeWiki: jest.Describe = wikiAvailable ? describe : describe.skip;

export async function testWiki(): Promise<TestWiki> {
  const reason = unavailableReason();
  if (reason !== undefined) throw new Error(`No test wiki: ${reason}`);
  const wiki: TestWiki = {
    api: env(ENV.api) as string,
    username: env(ENV.username) as string,
    password: env(ENV.password) as string,
  };
  const adminUsername = env(ENV.adminUsername);
  const adminPassword = env(ENV.adminPassword);
  const dir = env(ENV.dir);
  if (adminUsername !== undefined) wiki.adminUsername = adminUsername;
  if (adminPassword !== undefined) wiki.adminPassword = adminPassword;
  if (dir !== undefined) wiki.dir = dir;
  return wiki;
}
