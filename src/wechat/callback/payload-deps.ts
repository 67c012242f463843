/** Binds the framework-free callback handler to a Payload instance. */
import type { Payload } from 'payload'
import type { AutoReply } from '../../payload-types'
import { AccountNotFoundError, loadAccountCredentials, PublishedCredentialsError, type AccountCredentials } from '../accounts'
import { matchAutoReply, type AutoReplyRule } from './auto-reply'
import { InboundJournal, journalDirectory } from './inbound-journal'
import { enqueueInbound, inboundEntry } from './inbound-queue'
import { inboundWorkerFor } from './inbound-worker'
import { maxSkewFromEnv } from './handler'
import { clearInteractiveCaches, interactiveReply, isStaffCommand } from './interactive-reply'
import { COMMAND_NEEDS_SAFE_MODE } from './sign-off-command'
import { xmlText } from '../xml'
import { TtlCache } from './ttl-cache'
import type { CallbackDeps, EnqueueResult, InboundMessage, PassiveReply } from './types'
import { perProcess } from './per-process'
import { ModeMismatchRecorder, type ModeMismatchWrite } from './mode-mismatch'
import { RecentSignatures } from './recent-signatures'

// Short enough that a rotated key or an edited rule applies within a minute, long enough that a
// burst of messages costs no extra queries.
const accounts = new TtlCache<AccountCredentials | null>(60_000)
const rules = new TtlCache<AutoReplyRule[]>(10_000)

// One journal per directory and process: two writers would each think the segment theirs.
const journals = perProcess('wechat-inbound-journals', () => new Map<string, InboundJournal>())

export function journalFor(directory: string = journalDirectory()): InboundJournal {
  let journal = journals.get(directory)
  if (!journal) {
    journal = new InboundJournal(directory)
    journals.set(directory, journal)
  }
  return journal
}

export function clearCallbackCaches(): void {
  accounts.clear()
  rules.clear()
  clearInteractiveCaches()
}

export interface PayloadCallbackOptions {
  now?: () => number
  maxSkewSeconds?: number
  /** Default: kick this process's inbound worker when it imports without delay (see inbound-worker.ts). */
  afterResponse?: () => void
  journal?: InboundJournal
}

export function payloadCallbackDeps(payload: Payload, options: PayloadCallbackOptions = {}): CallbackDeps {
  const journal = options.journal ?? journalFor()
  const maxSkewSeconds = options.maxSkewSeconds ?? maxSkewFromEnv()
  const signatures = recentSignaturesFor(maxSkewSeconds)
  return {
    loadAccount: (accountId) => accounts.get(accountId, () => loadAccountOrNull(payload, accountId)),
    enqueue: (account, message) => {
      // A signature this process already answered: a staff command under it must not act (see
      // recent-signatures.ts); anything else is journaled and dropped at the import.
      const replayed = message.replayKey !== undefined && signatures.seen(`${account.id}:${message.replayKey}`)
      if (replayed && isStaffCommandMessage(message) && !message.untrustedBody) return Promise.resolve('duplicate')
      return enqueue(payload, journal, account, message, (options.now ?? Date.now)())
    },
    passiveReply: async (account, message, stored) => {
      if (isStaffCommandMessage(message)) {
        // Not from an unsigned body: the staff member is told why (nothing is written for it here;
        // the message is journaled for the inbox like a resident's).
        if (message.untrustedBody) return { kind: 'text', text: COMMAND_NEEDS_SAFE_MODE }
        if ((await stored) === 'duplicate') return null
      }
      const acted = await interactiveReply(payload, account, message)
      if (acted !== undefined) return acted
      const rule = matchAutoReply(await rules.get(account.id, () => loadRules(payload, account.id)), {
        msgType: message.msgType,
        event: message.event,
        content: xmlText(message.record, 'Content'),
      })
      return rule?.reply ?? null
    },
    noteModeMismatch: (account, seen) => modeMismatchRecorderFor(payload).note(account.id, account.messageMode, seen, (options.now ?? Date.now)()),
    afterResponse: options.afterResponse ?? defaultAfterResponse(payload),
    log: (level, entry) => payload.logger[level](entry),
    now: options.now,
    // Read when the deps are built, not per request: process.env is slow to read.
    maxSkewSeconds,
  }
}

/**
 * Staff commands act inside the request (bind, sign off): the database's unique keys must refuse a
 * retry (dedupeKey) or a replay under the same plain signature (replayKey) before they run again,
 * so they are inserted directly — unless the body is untrusted (handler.ts), then they do not act. Everything else is journaled —
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

function defaultAfterResponse(payload: Payload): () => void {
  // Started on the first callback either way, for its sweep; kicked only when it imports at once.
  const worker = inboundWorkerFor(payload)
  return worker.importsAtOnce ? () => worker.kick() : () => undefined
}

const signatureSets = perProcess('wechat-recent-signatures', () => new Map<number, RecentSignatures>())

/** One set per process (and window), shared by every deps built in it. */
function recentSignaturesFor(maxSkewSeconds: number): RecentSignatures {
  let set = signatureSets.get(maxSkewSeconds)
  if (!set) {
    set = new RecentSignatures(maxSkewSeconds * 1000)
    signatureSets.set(maxSkewSeconds, set)
  }
  return set
}

const recorders = perProcess('wechat-mode-mismatch-recorders', () => new WeakMap<Payload, ModeMismatchRecorder>())

/**
 * One recorder per Payload and process, so that the once-a-minute limit holds across requests:
 * adds the sightings to the account's read-only `modeMismatch` group.
 */
export function modeMismatchRecorderFor(payload: Payload): ModeMismatchRecorder {
  let recorder = recorders.get(payload)
  if (!recorder) {
    recorder = new ModeMismatchRecorder({
      write: (accountId, sighting) => recordModeMismatch(payload, accountId, sighting),
      log: (level, entry) => payload.logger[level](entry),
    })
    recorders.set(payload, recorder)
  }
  return recorder
}

async function recordModeMismatch(payload: Payload, accountId: string, sighting: ModeMismatchWrite): Promise<void> {
  // includeSecrets: the secrets hook keeps the stored (encrypted) secrets only when it can see them.
  const context = { includeSecrets: true }
  const account = await payload.findByID({ collection: 'wechat-accounts', id: accountId, overrideAccess: true, depth: 0, context })
  const previous = account.modeMismatch?.count ?? 0
  await payload.update({
    collection: 'wechat-accounts',
    id: accountId,
    overrideAccess: true,
    depth: 0,
    context,
    data: {
      modeMismatch: {
        lastSeenAt: new Date(sighting.lastSeenAtMs).toISOString(),
        modeSeen: sighting.modeSeen,
        configuredMode: sighting.configuredMode,
        count: previous + sighting.count,
      },
    },
  })
}

const defaultDeps = perProcess('wechat-callback-deps', () => new WeakMap<Payload, CallbackDeps>())

/**
 * The default deps of a Payload, built once: the Next route asks for them on every request, and
 * building them reads the environment and resolves the journal.
 */
export function callbackDepsFor(payload: Payload): CallbackDeps {
  let deps = defaultDeps.get(payload)
  if (!deps) {
    deps = payloadCallbackDeps(payload)
    defaultDeps.set(payload, deps)
  }
  return deps
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

export async function loadRules(payload: Payload, accountId: string): Promise<AutoReplyRule[]> {
  const found = await payload.find({
    collection: 'auto-replies',
    overrideAccess: true,
    depth: 0,
    limit: 500,
    pagination: false,
    where: { and: [{ enabled: { not_equals: false } }, { or: [{ account: { equals: accountId } }, { account: { exists: false } }] }] },
  })
  return found.docs.map(toRule)
}

function toRule(doc: AutoReply): AutoReplyRule {
  return {
    id: String(doc.id),
    kind: doc.kind,
    match: doc.match,
    keyword: doc.keyword,
    priority: doc.priority,
    enabled: doc.enabled,
    reply: toReply(doc),
  }
}

function toReply(doc: AutoReply): PassiveReply {
  if (doc.replyType === 'image') return { kind: 'image', mediaId: doc.mediaId ?? '' }
  if (doc.replyType === 'news') {
    const article = doc.article ?? {}
    return { kind: 'news', article: { title: article.title ?? '', description: article.description ?? '', url: article.url ?? '', picUrl: article.picUrl ?? '' } }
  }
  return { kind: 'text', text: doc.text ?? '' }
}
