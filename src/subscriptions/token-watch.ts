/*
 * The tokens open subscriptions were opened with, and whether each is still live. HTTP looks a
 * token up on every request; a WebSocket or an SSE stream is authenticated once, when it opens,
 * and may run for days. So the subscriptions hold their token's name here, and `check` reads
 * whether the held tokens are live (one read of api_token for all of them): the change feed
 * awaits it after each read of the outbox and before it hands the rows on, so a token revoked
 * before a change committed never receives that change; and it runs every `pollMs` besides, so
 * a revoked token's idle connection is closed too (a revoke comes from the CLI, another process).
 * The holders of a token found revoked are ended once, at once, by their own `end`.
 */

export interface TokenWatchOptions {
  /** Which of these token names are live (auth.tokens.ts liveTokenNames on the published database). */
  live(names: readonly string[]): Promise<Set<string>>;
  /** How often to check while anything is held. */
  pollMs: number;
  /** A check that could not read: the holders stay as they were, and the next check tries again. */
  onError?: (error: unknown) => void;
}

export class TokenWatch {
  /** The `end` of each holder, by token name. */
  private readonly holders = new Map<string, Set<() => void>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: TokenWatchOptions) {}

  /** Holders (connections and streams) open now. */
  get size(): number {
    let size = 0;
    for (const ends of this.holders.values()) size += ends.size;
    return size;
  }

  /**
   * Holds the token named `name` for one connection or stream, from before its first subscription
   * starts: `end` is called once if a check finds the token revoked. Returns the release, for when
   * the connection or stream ends however it ends.
   */
  hold(name: string, end: () => void): () => void {
    let ends = this.holders.get(name);
    if (!ends) this.holders.set(name, (ends = new Set()));
    const entry = () => end();
    ends.add(entry);
    if (!this.timer) {
      this.timer = setInterval(() => void this.check(), this.options.pollMs);
      this.timer.unref();
    }
    return () => this.release(name, entry);
  }

  /** Reads whether the held tokens are live and ends the holders of those that are not. Never rejects. */
  async check(): Promise<void> {
    if (this.holders.size === 0) return;
    let live: Set<string>;
    try {
      live = await this.options.live([...this.holders.keys()]);
    } catch (error) {
      this.options.onError?.(error);
      return;
    }
    for (const [name, ends] of [...this.holders]) {
      if (live.has(name)) continue;
      this.holders.delete(name);
      for (const end of ends) end();
    }
    this.idle();
  }

  /** Stops the checks (the holders are ended by whoever closes their connections). */
  stop(): void {
    this.holders.clear();
    this.idle();
  }

  private release(name: string, entry: () => void): void {
    const ends = this.holders.get(name);
    if (!ends) return;
    ends.delete(entry);
    if (ends.size === 0) this.holders.delete(name);
    this.idle();
  }

  private idle(): void {
    if (this.holders.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
  }
}
