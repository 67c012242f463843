/**
 * Records the message mode of the callback's correctly signed requests (see envelope.ts: a request
 * whose mode differs from the account's setting is accepted on its signature). The callback is
 * benchmarked and answers bursts, so a request costs no database write: requests are counted in
 * memory per mode and handed to `write` at most once per interval (a minute) per account and
 * process. What is worth storing — a mismatch, and the requests after it that tell whether WeChat
 * went back to the setting — is the writer's decision (src/inbound/callback-runtime.ts).
 */
import type { MessageMode } from './envelope'

/** Requests in one mode since the previous write. */
export interface ModeSighting {
  count: number
  /** Epoch milliseconds of the newest. */
  lastSeenAtMs: number
}

/** What the recorder hands to `write`: everything seen for one account since the previous write. */
export interface ModeMismatchWrite {
  /** The account's setting when the newest request was seen. */
  configuredMode: MessageMode
  /** Requests per mode, matching or not. */
  modes: Partial<Record<MessageMode, ModeSighting>>
  /** The requests whose mode differed from the setting (the newest one's mode); null: none did. */
  mismatch: (ModeSighting & { modeSeen: MessageMode }) | null
}

export interface ModeMismatchRecorderOptions {
  /** Adds the requests to the account's record; a failure is logged, the requests are dropped. */
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
   * One correctly signed request for `accountId` came in `seen` while the account is set to
   * `configured`, at `atMs` (epoch ms, default now). Never throws, never waits.
   */
  note(accountId: string, configured: MessageMode, seen: MessageMode, atMs: number = this.now()): void {
    let state = this.accounts.get(accountId)
    if (!state) {
      state = { pending: null, lastWriteMs: -Infinity, timer: null, writing: null }
      this.accounts.set(accountId, state)
    }
    const pending: ModeMismatchWrite = state.pending ?? { configuredMode: configured, modes: {}, mismatch: null }
    pending.configuredMode = configured
    const mode = pending.modes[seen]
    pending.modes[seen] = { count: (mode?.count ?? 0) + 1, lastSeenAtMs: Math.max(mode?.lastSeenAtMs ?? atMs, atMs) }
    if (seen !== configured) pending.mismatch = { modeSeen: seen, count: (pending.mismatch?.count ?? 0) + 1, lastSeenAtMs: atMs }
    state.pending = pending
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
    if (sighting.mismatch) {
      this.options.log('warn', {
        event: 'wechat.callback.mode-mismatch',
        accountId,
        configuredMode: sighting.configuredMode,
        modeSeen: sighting.mismatch.modeSeen,
        count: sighting.mismatch.count,
        hint: '公众号后台的消息加解密方式与本系统设置不一致：请在 微信 → 公众号 中改为与公众平台一致，或在公众平台改回',
      })
    }
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
