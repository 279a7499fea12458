/**
 * A forecast model fitted on request and reused for a while (the dwell and turn-time routes: a refit reads weeks of
 * rows): per key, the model fitted at most `ttlMs` before the asked time answers; concurrent requests share one
 * refit, and a refit that fails is forgotten so the next request tries again.
 */
export class RefittedModel<M> {
  private readonly entries = new Map<string, { readonly originMs: number; readonly model: Promise<M> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly fit: (key: string, now: Date) => Promise<M>,
  ) {}

  /** The model for `key` as of `now`: the one fitted in [now − ttl, now], else a new fit. */
  at(key: string, now: Date): Promise<M> {
    const nowMs = now.getTime();
    const c = this.entries.get(key);
    if (c !== undefined && nowMs - c.originMs < this.ttlMs && nowMs >= c.originMs) return c.model;
    const model = this.fit(key, now);
    const entry = { originMs: nowMs, model };
    this.entries.set(key, entry);
    model.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return model;
  }
}
