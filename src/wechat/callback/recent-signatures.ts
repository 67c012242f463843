/**
 * The plain signatures (account, timestamp, nonce) this process answered within the timestamp
 * window, in memory. The durable check is `wechat-inbound`'s unique replayKey, but a message
 * reaches it only when its journal segment is imported (a second or more later): a staff command
 * replayed under a captured signature in that gap would act first. This set closes the gap for
 * requests that reach the same process (npm start runs one callback server), at the cost of two
 * Set lookups per plain request and no database work.
 *
 * Two generations of one window each: a key is remembered for at least the window (longer is
 * harmless; an older timestamp is refused anyway). Past `maxEntries` keys in one generation new
 * keys are not remembered (a flood must not exhaust memory); the database's key still holds.
 */
export class RecentSignatures {
  private current = new Set<string>()
  private previous = new Set<string>()
  private startedAt: number

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 200_000,
  ) {
    this.startedAt = now()
  }

  /** Remembers `key`; answers true when it was already seen within the window. */
  seen(key: string): boolean {
    const now = this.now()
    if (now - this.startedAt >= this.windowMs) {
      // A gap of two windows or more forgets both generations.
      this.previous = now - this.startedAt >= 2 * this.windowMs ? new Set() : this.current
      this.current = new Set()
      this.startedAt = now
    }
    if (this.current.has(key) || this.previous.has(key)) return true
    if (this.current.size < this.maxEntries) this.current.add(key)
    return false
  }
}
