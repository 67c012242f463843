/** A tiny in-memory cache with expiry, for the callback's hot reads (account secrets, reply rules). */
export class TtlCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; until: number }>()

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

  clear(): void {
    this.entries.clear()
  }
}
