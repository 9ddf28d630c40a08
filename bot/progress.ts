import type {Io} from './io';
import type {ScanProgress} from './scan';

/** One line on stderr, redrawn in place: pages read out of the total, and API requests sent. */
export class ProgressBar {
  private requests = 0;
  private last: ScanProgress = {read: 0, total: 0};

  constructor(private readonly io: Io, private readonly width = 30) {}

  request(): void {
    this.requests++;
    this.draw();
  }

  update(progress: ScanProgress): void {
    this.last = progress;
    this.draw();
  }

  done(): void {
    this.io.stderr('\r\x1b[2K');
  }

  private draw(): void {
    const {read, total} = this.last;
    const filled = total > 0 ? Math.round((read / total) * this.width) : 0;
    const bar = `${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}`;
    this.io.stderr(`\r\x1b[2K${bar} ${read}/${total || '?'} pages, ${this.requests} requests`);
  }
}
