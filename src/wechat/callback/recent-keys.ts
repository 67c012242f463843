/**
 * The message keys this process saw last, so that a WeChat retry reaching it is answered without
 * being written twice. Two generations of a Set: a key is remembered until two generations have
 * filled after it — between `generationSize` and twice that many newer keys. lru-cache did the
 * same job but its per-entry bookkeeping was 4.5 % of the callback's CPU under a burst
 * (bench/README.md); recency of reads does not matter here, only of writes.
 */
export class RecentKeys {
  private current = new Set<string>()
  private previous = new Set<string>()

  constructor(private readonly generationSize = 50_000) {}

  has(key: string): boolean {
    return this.current.has(key) || this.previous.has(key)
  }

  add(key: string): void {
    if (this.current.size >= this.generationSize) {
      this.previous = this.current
      this.current = new Set()
    }
    this.current.add(key)
  }

  delete(key: string): void {
    this.current.delete(key)
    this.previous.delete(key)
  }

  clear(): void {
    this.current.clear()
    this.previous.clear()
  }
}
