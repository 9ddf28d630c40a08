import type {Config} from '../config';
import {WikiError} from '../io';
import {isWikimediaApi, type WikiClient} from './client';

/** The emergency shut-off page has text: no edit may be made until it is emptied. */
export class ShutoffError extends WikiError {
  override name = 'ShutoffError';
}

export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Called before every edit the bot makes: checks the shut-off page (any admin or coordinator can
 * stop the bot by writing on it) and keeps the configured pause between edits.
 */
export class EditGuard {
  private lastEdit = 0;
  readonly delayMs: number;

  constructor(
    private readonly client: WikiClient,
    private readonly config: Config,
    private readonly sleep: Sleep = realSleep,
  ) {
    const seconds = config.reminders.editDelaySeconds ?? (isWikimediaApi(client.credentials.api) ? 10 : 0);
    this.delayMs = seconds * 1000;
  }

  async beforeEdit(): Promise<void> {
    const shutoff = await this.client.pageText(this.config.safety.shutoffPage);
    if (shutoff && shutoff.text.trim() !== '') {
      throw new ShutoffError(`the emergency shut-off page ${this.config.safety.shutoffPage} is not empty: no edits until it is emptied`);
    }
    const wait = this.lastEdit + this.delayMs - Date.now();
    if (wait > 0) await this.sleep(wait);
  }

  /** Call after an edit went through, so the next one waits its turn. */
  edited(): void {
    this.lastEdit = Date.now();
  }
}
