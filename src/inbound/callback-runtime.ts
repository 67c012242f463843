/**
 * The callback's runtime on a Payload instance: everything the framework-free handler keeps between
 * requests, built once by createCallbackRuntime where a process starts (scripts/callback-server.ts,
 * the Next route per Payload, a test) and passed in — nothing here lives at module level.
 */
import type { Payload } from 'payload'
import { AccountNotFoundError, loadAccountCredentials, PublishedCredentialsError } from '../services/accounts/accounts'
import type { AccountCredentials } from '../wechat/account-credentials'
import { matchAutoReply, type AutoReplyRule } from '../services/auto-reply/auto-reply'
import { loadRules } from '../services/auto-reply/rules'
import { InboundJournal, journalDirectory } from './journal'
import { enqueueInbound, inboundEntry } from './queue'
import { startInboundWorker, type InboundWorker } from './worker'
import { maxSkewFromEnv } from '../wechat/callback/handler'
import { cachedMenuReads, interactiveReply, isStaffCommand } from './interactive-reply'
import { COMMAND_NEEDS_SAFE_MODE } from '../services/push/sign-off-command'
import { xmlText } from '../wechat/xml'
import { TtlCache } from '../shared/ttl-cache'
import type { CallbackDeps, EnqueueResult, InboundMessage } from '../wechat/callback/types'
import { ModeMismatchRecorder, type ModeMismatchWrite } from '../wechat/callback/mode-mismatch'
import { RecentSignatures } from '../wechat/callback/recent-signatures'

export interface CallbackRuntimeOptions {
  now?: () => number
  /** Default: WECHAT_CALLBACK_MAX_SKEW_SECONDS (src/wechat/callback/handler.ts), read once here, not per request. */
  maxSkewSeconds?: number
  /**
   * Default: the runtime starts an inbound worker of its own (role `web`, worker.ts) and
   * kicks it after each answer when it imports at once. Given, no worker is started.
   */
  afterResponse?: () => void
  /**
   * Default: a new journal in journalDirectory(). A process runs one runtime (per Payload), so it
   * has one writer per directory; tests that build a runtime per test share one journal.
   */
  journal?: InboundJournal
}

/**
 * What one callback endpoint keeps between requests: the account secrets (cached 60 s), the
 * auto-reply rules and the menu (10 s) — short enough that a rotated key or an edited rule applies
 * within a minute, long enough that a burst of messages costs no extra queries —, the journal, the
 * plain signatures of the timestamp window (src/wechat/callback/recent-signatures.ts), the mode-mismatch recorder (its
 * once-a-minute write holds across requests) and, in a web process, its inbound worker.
 */
export interface CallbackRuntime {
  /** What handleCallback takes. */
  readonly deps: CallbackDeps
  readonly journal: InboundJournal
  readonly modeMismatch: ModeMismatchRecorder
  /** The worker this runtime started; null when `afterResponse` was given. */
  readonly worker: InboundWorker | null
  /**
   * For shutdown: stops the worker's timers, hands the open journal segment to the importer (rather
   * than after the importer's 30 s abandon time) and writes pending mode-mismatch sightings.
   */
  close: () => Promise<void>
}

/** Builds the callback's runtime on `payload`; each call has its own caches and recorder. */
export function createCallbackRuntime(payload: Payload, options: CallbackRuntimeOptions = {}): CallbackRuntime {
  const journal = options.journal ?? new InboundJournal(journalDirectory())
  const maxSkewSeconds = options.maxSkewSeconds ?? maxSkewFromEnv()
  const now = options.now ?? Date.now
  const accounts = new TtlCache<AccountCredentials | null>(60_000)
  const rules = new TtlCache<AutoReplyRule[]>(10_000)
  const menuReads = cachedMenuReads(payload)
  const signatures = new RecentSignatures(maxSkewSeconds * 1000)
  const modeMismatch = new ModeMismatchRecorder({
    write: (accountId, sighting) => recordModeMismatch(payload, accountId, sighting),
    log: (level, entry) => payload.logger[level](entry),
  })
  // Started with the runtime, for its sweep; kicked only when it imports at once.
  const worker = options.afterResponse ? null : startInboundWorker(payload, 'web', { journalDirectory: journal.directory })
  const afterResponse = options.afterResponse ?? (worker?.importsAtOnce ? () => worker.kick() : () => undefined)

  const deps: CallbackDeps = {
    loadAccount: (accountId) => accounts.get(accountId, () => loadAccountOrNull(payload, accountId)),
    enqueue: (account, message) => {
      // A signature this runtime already answered: a staff command under it must not act (see
      // src/wechat/callback/recent-signatures.ts); anything else is journaled and dropped at the import.
      const replayed = message.replayKey !== undefined && signatures.seen(`${account.id}:${message.replayKey}`)
      if (replayed && isStaffCommandMessage(message) && !message.untrustedBody) return Promise.resolve('duplicate')
      return enqueue(payload, journal, account, message, now())
    },
    passiveReply: async (account, message, stored) => {
      if (isStaffCommandMessage(message)) {
        // Not from an unsigned body: the staff member is told why (nothing is written for it here;
        // the message is journaled for the inbox like a resident's).
        if (message.untrustedBody) return { kind: 'text', text: COMMAND_NEEDS_SAFE_MODE }
        if ((await stored) === 'duplicate') return null
      }
      const acted = await interactiveReply(payload, account, message, menuReads)
      if (acted !== undefined) return acted
      const rule = matchAutoReply(await rules.get(account.id, () => loadRules(payload, account.id)), {
        msgType: message.msgType,
        event: message.event,
        content: xmlText(message.record, 'Content'),
      })
      return rule?.reply ?? null
    },
    noteMessageMode: (account, seen) => modeMismatch.note(account.id, account.messageMode, seen, now()),
    afterResponse,
    log: (level, entry) => payload.logger[level](entry),
    now: options.now,
    maxSkewSeconds,
  }
  return {
    deps,
    journal,
    modeMismatch,
    worker,
    close: async () => {
      worker?.stop()
      await journal.rotate()
      await modeMismatch.flush()
    },
  }
}

/**
 * Staff commands act inside the request (bind, sign off): the database's unique keys must refuse a
 * retry (dedupeKey) or a replay under the same plain signature (replayKey) before they run again,
 * so they are inserted directly — unless the body is untrusted (src/wechat/callback/handler.ts), then they do not act. Everything else is journaled —
 * WeChat's retries too: WeChat retries only when it got no answer within 5 s, so the first answer
 * (and its passive reply) never reached the resident and the retry gets the reply again; the
 * import keeps one row per dedupeKey, so the message is stored and acted on once.
 */
async function enqueue(payload: Payload, journal: InboundJournal, account: AccountCredentials, message: InboundMessage, nowMs: number): Promise<EnqueueResult> {
  if (isStaffCommandMessage(message) && !message.untrustedBody) return enqueueInbound(payload, account, message, nowMs)
  await journal.append(inboundEntry(account, message, nowMs))
  return 'stored'
}

const isStaffCommandMessage = (message: InboundMessage): boolean => message.msgType === 'text' && isStaffCommand(xmlText(message.record, 'Content'))

/** After this long without a mismatch the record is history: requests matching the setting are no longer counted, a new mismatch starts the counts afresh. */
const MODE_RECORD_OPEN_MS = 7 * 24 * 3600_000
const MODES = ['plain', 'compatible', 'safe'] as const

/**
 * Adds the requests to the account's read-only `modeMismatch` group — when there is something to
 * say: a mismatch, or requests while a mismatch of the last 7 days is on record (they tell 运行状态
 * whether WeChat went back to the setting). Requests of an account without a recent mismatch are
 * not written (a read of the account a minute, no write).
 */
async function recordModeMismatch(payload: Payload, accountId: string, sighting: ModeMismatchWrite): Promise<void> {
  // includeSecrets: the secrets hook keeps the stored (encrypted) secrets only when it can see them.
  const context = { includeSecrets: true }
  const account = await payload.findByID({ collection: 'wechat-accounts', id: accountId, overrideAccess: true, depth: 0, context })
  const record = account.modeMismatch ?? {}
  const newestMs = Math.max(...Object.values(sighting.modes).map((mode) => mode.lastSeenAtMs))
  const open = Boolean(record.count && record.lastSeenAt && newestMs - Date.parse(record.lastSeenAt) <= MODE_RECORD_OPEN_MS)
  if (!sighting.mismatch && !open) return
  const counts: Record<string, number | string | null> = {}
  for (const mode of MODES) {
    const seen = sighting.modes[mode]
    const count = open ? (record[`${mode}Count`] ?? 0) : 0
    const last = open ? (record[`${mode}LastSeenAt`] ?? null) : null
    counts[`${mode}Count`] = count + (seen?.count ?? 0)
    counts[`${mode}LastSeenAt`] = seen && (!last || seen.lastSeenAtMs > Date.parse(last)) ? new Date(seen.lastSeenAtMs).toISOString() : last
  }
  const mismatch = sighting.mismatch
  await payload.update({
    collection: 'wechat-accounts',
    id: accountId,
    overrideAccess: true,
    depth: 0,
    context,
    data: {
      modeMismatch: {
        ...counts,
        ...(mismatch
          ? {
              lastSeenAt: new Date(mismatch.lastSeenAtMs).toISOString(),
              modeSeen: mismatch.modeSeen,
              configuredMode: sighting.configuredMode,
              count: (record.count ?? 0) + mismatch.count,
            }
          : { lastSeenAt: record.lastSeenAt, modeSeen: record.modeSeen, configuredMode: record.configuredMode, count: record.count }),
      },
    },
  })
}

async function loadAccountOrNull(payload: Payload, accountId: string): Promise<AccountCredentials | null> {
  try {
    return await loadAccountCredentials(payload, accountId)
  } catch (error) {
    if (error instanceof AccountNotFoundError) return null
    // Secrets once published in the source: answered as an unknown account, with the reason logged.
    if (error instanceof PublishedCredentialsError) {
      payload.logger.error(error.message)
      return null
    }
    throw error
  }
}
