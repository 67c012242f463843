/**
 * Records callback requests whose message mode differs from the account's setting (see
 * envelope.ts: they are accepted on their signature). The callback is benchmarked and answers
 * bursts, so a sighting costs no database write: sightings are counted in memory and written to
 * the account at most once per interval (a minute) per account and process.
 */
import type { MessageMode } from './envelope'

/** What is written to the account's `modeMismatch` group; `count` is added to the stored count. */
export interface ModeMismatchWrite {
  /** The mode the most recent request came in. */
  modeSeen: MessageMode
  /** The account's setting when it was seen. */
  configuredMode: MessageMode
  /** Epoch milliseconds of the most recent sighting. */
  lastSeenAtMs: number
  /** Sightings since the previous write. */
  count: number
}

export interface ModeMismatchRecorderOptions {
  /** Adds the sightings to the account's record; a failure is logged, the sightings are dropped. */
  write: (accountId: string, sighting: ModeMismatchWrite) => Promise<void>
  log: (level: 'warn' | 'error', entry: Record<string, unknown>) => void
  /** Minimum time between two writes for one account, in ms (default 60 000). */
  intervalMs?: number
  now?: () => number
}

interface AccountState {
  pending: ModeMismatchWrite | null
  lastWriteMs: number
  timer: NodeJS.Timeout | null
  writing: Promise<void> | null
}

export class ModeMismatchRecorder {
  private readonly accounts = new Map<string, AccountState>()
  private readonly intervalMs: number
  private readonly now: () => number

  constructor(private readonly options: ModeMismatchRecorderOptions) {
    this.intervalMs = options.intervalMs ?? 60_000
    this.now = options.now ?? Date.now
  }

  /**
   * One request for `accountId` came in `seen` while the account is set to `configured`, at `atMs`
   * (epoch ms, default now). Never throws, never waits.
   */
  note(accountId: string, configured: MessageMode, seen: MessageMode, atMs: number = this.now()): void {
    let state = this.accounts.get(accountId)
    if (!state) {
      state = { pending: null, lastWriteMs: -Infinity, timer: null, writing: null }
      this.accounts.set(accountId, state)
    }
    state.pending = { modeSeen: seen, configuredMode: configured, lastSeenAtMs: atMs, count: (state.pending?.count ?? 0) + 1 }
    this.schedule(accountId, state)
  }

  /** Writes every pending sighting now (tests, shutdown); resolves when the writes are done. */
  async flush(): Promise<void> {
    for (const [accountId, state] of this.accounts) {
      if (state.timer) clearTimeout(state.timer)
      state.timer = null
      await state.writing
      if (state.pending) this.writeNow(accountId, state)
      await state.writing
    }
  }

  private schedule(accountId: string, state: AccountState): void {
    if (state.writing || state.timer) return
    const wait = state.lastWriteMs + this.intervalMs - this.now()
    if (wait <= 0) {
      this.writeNow(accountId, state)
      return
    }
    state.timer = setTimeout(() => {
      state.timer = null
      if (state.pending && !state.writing) this.writeNow(accountId, state)
    }, wait)
    // A pending count must not keep a finishing process alive.
    state.timer.unref()
  }

  private writeNow(accountId: string, state: AccountState): void {
    const sighting = state.pending
    if (!sighting) return
    state.pending = null
    state.lastWriteMs = this.now()
    this.options.log('warn', {
      event: 'wechat.callback.mode-mismatch',
      accountId,
      configuredMode: sighting.configuredMode,
      modeSeen: sighting.modeSeen,
      count: sighting.count,
      hint: '公众号后台的消息加解密方式与本系统设置不一致：请在 微信 → 公众号 中改为与公众平台一致，或在公众平台改回',
    })
    state.writing = this.options
      .write(accountId, sighting)
      .catch((error: unknown) => {
        this.options.log('error', {
          event: 'wechat.callback.mode-mismatch-write-failed',
          accountId,
          error: error instanceof Error ? error.message : String(error),
        })
      })
      .finally(() => {
        state.writing = null
        if (state.pending) this.schedule(accountId, state)
      })
  }
}
