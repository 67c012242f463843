/**
 * A tiny in-memory cache with expiry, for hot reads (account secrets, reply rules, the menu, the
 * inbox's clients). An instance belongs to whoever built it (the callback's runtime, a per-Payload
 * registry): there is no reset; a fresh cache is a new instance.
 */
export class TtlCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; until: number }>()

  /** `ttlMs`: how long a loaded value is kept; past `maxEntries` keys the cache starts over. */
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 200,
  ) {}

  /** Concurrent misses share one load; a failed load is not cached. */
  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key)
    if (hit && hit.until > this.now()) return hit.value
    if (this.entries.size >= this.maxEntries) this.entries.clear()
    const value = load()
    this.entries.set(key, { value, until: this.now() + this.ttlMs })
    value.catch(() => this.entries.delete(key))
    return value
  }
}
