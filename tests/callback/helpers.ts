/** A real Payload for the callback tests, and helpers to sign and encrypt callback requests. */
import { randomInt } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Payload } from 'payload'
import type { AccountCredentials } from '../../src/wechat/account-credentials'
import { encryptMessage, sha1Signature } from '../../src/wechat/crypto'
import { handleCallback } from '../../src/wechat/callback/handler'
import type { CallbackDeps, CallbackRequest, InboundMessage } from '../../src/wechat/callback/types'
import { buildXml, type XmlBuildRecord } from '../../src/wechat/xml'
import { InboundJournal, journalDirectory } from '../../src/inbound/journal'
import type { InboundWorker } from '../../src/inbound/worker'
import { importJournal } from '../../src/inbound/journal-import'
import { createCallbackRuntime, type CallbackRuntime, type CallbackRuntimeOptions } from '../../src/inbound/callback-runtime'

export interface TestAccountInput {
  appId: string
  token: string
  encodingAESKey: string
  previousEncodingAESKey?: string
  messageMode: 'plain' | 'compatible' | 'safe'
  originalId?: string
  appSecret?: string
}

/** Creates a wechat-accounts document (secrets encrypted by its hook); answers its id. */
export async function createAccount(payload: Payload, input: TestAccountInput): Promise<string> {
  const doc = await payload.create({
    collection: 'wechat-accounts',
    overrideAccess: true,
    data: {
      name: `测试号 ${input.appId}`,
      appSecret: input.appSecret ?? 'test-secret-000000000000000000001',
      type: 'service',
      isDefault: false,
      ...input,
    } as never,
  })
  return String(doc.id)
}

export function accountCredentials(input: TestAccountInput & { id?: string }): AccountCredentials {
  return {
    id: input.id ?? 'acc1',
    name: '测试号',
    appId: input.appId,
    appSecret: input.appSecret ?? 'secret',
    token: input.token,
    encodingAESKey: input.encodingAESKey,
    previousEncodingAESKey: input.previousEncodingAESKey ?? null,
    type: 'service',
    messageMode: input.messageMode,
    originalId: input.originalId ?? 'gh_test',
  }
}

/** In-memory deps: a Set stands in for the unique index; `stored` lists what would be queued. */
export function memoryDeps(account: AccountCredentials | null, overrides: Partial<CallbackDeps> = {}) {
  const keys = new Set<string>()
  const stored: InboundMessage[] = []
  const logs: Array<{ level: string; entry: Record<string, unknown> }> = []
  const deps: CallbackDeps = {
    loadAccount: async (id) => (account && id === account.id ? account : null),
    enqueue: async (_account, message) => {
      if (keys.has(message.dedupeKey)) return 'duplicate'
      keys.add(message.dedupeKey)
      stored.push(message)
      return 'stored'
    },
    passiveReply: async () => null,
    log: (level, entry) => logs.push({ level, entry }),
    ...overrides,
  }
  return { deps, stored, logs }
}

export interface SignOptions {
  timestamp: string
  nonce?: string
  mode: 'plain' | 'compatible' | 'safe'
  account: { token: string; appId: string; encodingAESKey: string; originalId?: string }
  /** Overrides the key used to encrypt (key-rotation tests). */
  encryptWith?: string
}

/** A POST the way WeChat sends it, for `message` in the given mode. */
export function signedPost(accountId: string, message: XmlBuildRecord | string, options: SignOptions): CallbackRequest {
  // WeChat sends a random nonce with each request; a plain signature carries one body (src/wechat/callback/handler.ts).
  const nonce = options.nonce ?? String(randomInt(100_000_000, 2_000_000_000))
  const { token, appId, encodingAESKey, originalId } = options.account
  const xml = typeof message === 'string' ? message : buildXml(message)
  const query = new URLSearchParams({ signature: sha1Signature(token, options.timestamp, nonce), timestamp: options.timestamp, nonce })
  let body = xml
  if (options.mode !== 'plain') {
    const encrypted = encryptMessage({ encodingAESKey: options.encryptWith ?? encodingAESKey, appId, xml })
    query.set('encrypt_type', 'aes')
    query.set('msg_signature', sha1Signature(token, options.timestamp, nonce, encrypted))
    body =
      options.mode === 'safe'
        ? buildXml({ ToUserName: originalId ?? 'gh_test', Encrypt: encrypted })
        : xml.replace(/<\/xml>\s*$/, `<Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`)
  }
  return { method: 'POST', url: `/api/wechat/callback/${accountId}?${query}`, headers: { 'content-type': 'text/xml' }, body }
}

export const textMessage = (openid: string, content: string, msgId: string, createTime: number): XmlBuildRecord => ({
  ToUserName: 'gh_test',
  FromUserName: openid,
  CreateTime: createTime,
  MsgType: 'text',
  Content: content,
  MsgId: msgId,
})

export const eventMessage = (openid: string, event: string, createTime: number, extra: XmlBuildRecord = {}): XmlBuildRecord => ({
  ToUserName: 'gh_test',
  FromUserName: openid,
  CreateTime: createTime,
  MsgType: 'event',
  Event: event,
  ...extra,
})

// One journal per test file and database directory, as production has one per process: the runtimes
// a file builds (one per test, for fresh caches) all write to it, so closeJournalSegment hands every
// answered message to the importer.
const journals = new Map<string, InboundJournal>()

/** This test file's journal in the current test database's directory (journalDirectory()). */
export function testJournal(): InboundJournal {
  const directory = journalDirectory()
  let journal = journals.get(directory)
  if (!journal) {
    journal = new InboundJournal(directory)
    journals.set(directory, journal)
  }
  return journal
}

/**
 * The callback's runtime as a test builds it (instead of resetting shared caches): caches of its
 * own, the file's journal, and no inbound worker — the test drives one — unless `options` says otherwise.
 */
export function testCallbackRuntime(payload: Payload, options: CallbackRuntimeOptions = {}): CallbackRuntime {
  return createCallbackRuntime(payload, { journal: testJournal(), afterResponse: () => undefined, ...options })
}

/** Closes the file's open journal segment, so that an import sees every answered message. */
export const closeJournalSegment = (): Promise<void> => testJournal().rotate()

/** What the scheduler does after a callback: import the journal, process the rows. */
export async function settleInbound(worker: InboundWorker): Promise<number> {
  await closeJournalSegment()
  return worker.drain()
}

/** The journal imported into `wechat-inbound`, without processing the rows. */
export async function importCallbackJournal(payload: Payload) {
  await closeJournalSegment()
  return importJournal(payload, journalDirectory())
}

/**
 * The callback handler on a plain HTTP server at a free port, as the callback route serves it:
 * `<base>/<account id or app id>` (the emulator's `callbackUrl`). `deps` is read per request, so a
 * runtime made later still serves. Close the answered `server` when done.
 */
export async function serveCallback(deps: () => CallbackDeps): Promise<{ server: Server; base: string }> {
  const server = createServer(async (request, response) => {
    const accountId = decodeURIComponent((request.url ?? '').split('?')[0]!.split('/').pop()!)
    const result = await handleCallback(
      accountId,
      {
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        headers: request.headers as Record<string, string>,
        body: request as unknown as AsyncIterable<Uint8Array>,
      },
      deps(),
    )
    response.writeHead(result.status, result.headers).end(result.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/wechat/callback` }
}
