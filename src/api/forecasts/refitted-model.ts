/**
 * A forecast model fitted from the read models and reused for a while (the dwell and turn-time routes: a refit reads
 * weeks of rows, seconds on a port-sized store). Per key:
 * - the model fitted at most `ttlMs` before the asked time answers;
 * - after that, a model fitted at most `maxStaleMs` before it still answers at once while one refit runs in the
 *   background (stale-while-revalidate): a request never waits for a refit once the key has been fitted, and the
 *   answer says how old its model is (its origin);
 * - with no model that recent (the first request, or after a long idle time) the request waits for the fit;
 *   concurrent requests share it, and a fit that fails is forgotten so the next request tries again (a failed
 *   background refit leaves the older model in place until it is `maxStaleMs` old);
 * - a model is never used for a time before its origin (no answer from the future).
 */
interface Entry<M> {
  readonly originMs: number;
  readonly model: Promise<M>;
  resolved: boolean;
}

export class RefittedModel<M> {
  private readonly entries = new Map<string, Entry<M>>();
  private readonly background = new Map<string, Promise<void>>();

  constructor(
    private readonly ttlMs: number,
    private readonly fit: (key: string, now: Date) => Promise<M>,
    private readonly maxStaleMs: number = 10 * ttlMs,
  ) {}

  /** The model for `key` as of `now` (see the class comment for which one). */
  at(key: string, now: Date): Promise<M> {
    const nowMs = now.getTime();
    const c = this.entries.get(key);
    if (c !== undefined && nowMs >= c.originMs) {
      const age = nowMs - c.originMs;
      if (age < this.ttlMs) return c.model;
      if (c.resolved && age < this.maxStaleMs) {
        this.refitInBackground(key, now);
        return c.model;
      }
    }
    return this.fitNow(key, now);
  }

  /** Resolves when no background refit is running (benches and tests wait on it). */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background.values()]);
  }

  private fitNow(key: string, now: Date): Promise<M> {
    const model = this.fit(key, now);
    const entry: Entry<M> = { originMs: now.getTime(), model, resolved: false };
    this.entries.set(key, entry);
    model.then(
      () => {
        entry.resolved = true;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return model;
  }

  private refitInBackground(key: string, now: Date): void {
    if (this.background.has(key)) return;
    const nowMs = now.getTime();
    const model = this.fit(key, now);
    const done = model.then(
      () => {
        const current = this.entries.get(key);
        // A newer model (a fit for a later time) wins; the refit only replaces an older one.
        if (current === undefined || current.originMs <= nowMs) {
          this.entries.set(key, { originMs: nowMs, model, resolved: true });
        }
      },
      () => undefined,
    );
    const tracked = done.finally(() => this.background.delete(key));
    this.background.set(key, tracked);
  }
}
