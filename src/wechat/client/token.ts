/**
 * Access tokens. WeChat wants one central holder per account: every instance of the CMS reads the
 * token from a shared TokenStore and only one of them refreshes it at a time (`withRefreshLock`).
 * After a lock wait the store is read again, so an instance that queued behind another uses the
 * token the other one fetched instead of fetching (and knocking it out) again.
 */
import type { WeChatLogger } from './log'

export interface StoredToken {
  accessToken: string
  /** Epoch ms. */
  expiresAt: number
}

export interface TokenStore {
  get(appId: string): Promise<StoredToken | null>
  save(appId: string, token: StoredToken): Promise<void>
  /** Runs `fn` while holding the account's refresh lock (across every process sharing the store). */
  withRefreshLock<T>(appId: string, fn: () => Promise<T>): Promise<T>
}

/** A process-local store; for tests and single-process tools. */
export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, StoredToken>()
  private readonly locks = new Map<string, Promise<unknown>>()

  async get(appId: string): Promise<StoredToken | null> {
    return this.tokens.get(appId) ?? null
  }

  async save(appId: string, token: StoredToken): Promise<void> {
    this.tokens.set(appId, { ...token })
  }

  withRefreshLock<T>(appId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(appId) ?? Promise.resolve()
    const run = previous.then(fn, fn)
    this.locks.set(
      appId,
      run.catch(() => undefined),
    )
    return run
  }
}

export interface FetchedToken {
  access_token: string
  expires_in: number
}

export interface TokenManagerOptions {
  appId: string
  store: TokenStore
  /** Asks WeChat for a token; `force` = stable_token force_refresh. */
  fetchToken: (force: boolean) => Promise<FetchedToken>
  /** A stored token this close to its expiry is refreshed before use. */
  refreshMarginMs?: number
  now?: () => number
  logger: WeChatLogger
  /** Each token seen is registered here so that it is scrubbed from logs. */
  onToken?: (token: string) => void
}

export class TokenManager {
  private readonly refreshMarginMs: number
  private readonly now: () => number
  /** In-process single flight: callers waiting for the same refresh share one lock round-trip. */
  private readonly inflight = new Map<string, Promise<string>>()

  constructor(private readonly options: TokenManagerOptions) {
    this.refreshMarginMs = options.refreshMarginMs ?? 60_000
    this.now = options.now ?? Date.now
  }

  /** A token believed valid, refreshing it first when missing or about to expire. */
  async current(): Promise<string> {
    const stored = await this.options.store.get(this.options.appId)
    if (stored && this.usable(stored)) {
      this.options.onToken?.(stored.accessToken)
      return stored.accessToken
    }
    return this.refresh(stored?.accessToken ?? null, false)
  }

  /** WeChat refused `rejected` (40001/42001/40014): replace it unless someone already has. */
  replaceRejected(rejected: string): Promise<string> {
    return this.refresh(rejected, true)
  }

  private usable(token: StoredToken): boolean {
    return token.expiresAt - this.now() > this.refreshMarginMs
  }

  private refresh(replacing: string | null, force: boolean): Promise<string> {
    const key = `${replacing ?? ''}|${force}`
    const running = this.inflight.get(key)
    if (running) return running
    const refresh = this.options.store
      .withRefreshLock(this.options.appId, async () => {
        const latest = await this.options.store.get(this.options.appId)
        if (latest && this.usable(latest) && latest.accessToken !== replacing) return latest.accessToken
        const reason = replacing === null ? 'missing' : force ? 'rejected' : 'expiring'
        this.options.logger.log('info', { event: 'wechat.token.refresh', appId: this.options.appId, reason, force })
        const fetched = await this.options.fetchToken(force)
        const token = { accessToken: fetched.access_token, expiresAt: this.now() + fetched.expires_in * 1000 }
        this.options.onToken?.(token.accessToken)
        await this.options.store.save(this.options.appId, token)
        return token.accessToken
      })
      .then((token) => {
        this.options.onToken?.(token)
        return token
      })
      .finally(() => this.inflight.delete(key))
    this.inflight.set(key, refresh)
    return refresh
  }
}
