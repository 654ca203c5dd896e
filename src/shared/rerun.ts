/**
 * Work that runs one at a time, and again once after a run when it was asked for meanwhile: a
 * wake-up that comes while a read of the outbox runs is never lost (the read may have passed
 * the row it is about), and however many come, they cost one more run. Used by the outbox's
 * readers of one process (the change feed, the response cache's follower).
 */
export class Rerun {
  private running: Promise<void> | null = null;
  private again = false;

  /** `work` handles its own errors; `done` ends the reruns (the reader stopped). */
  constructor(
    private readonly work: () => Promise<void>,
    private readonly done: () => boolean,
  ) {}

  /** A run now, or one more after the current one: resolves when the runs asked for so far are over. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves when no run is going on. */
  async settled(): Promise<void> {
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.work();
    } while (this.again && !this.done());
  }
}
