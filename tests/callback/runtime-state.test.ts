/**
 * The callback's state is built, not global: each runtime (createCallbackRuntime) has caches of its
 * own, so a test gets fresh ones by building one — there is no reset export —; close() hands over
 * what a shutdown would otherwise lose; perPayload keeps one value per Payload instance.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { handleCallback } from '../../src/wechat/callback/handler'
import { InboundJournal, JOURNAL_DIRS } from '../../src/inbound/journal'
import { InboundWorker } from '../../src/inbound/worker'
import { createCallbackRuntime } from '../../src/inbound/callback-runtime'
import { perPayload } from '../../src/shared/per-payload'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createAccount, signedPost, testCallbackRuntime, testJournal, textMessage, type TestAccountInput } from './helpers'

const NOW = Date.parse('2026-03-02T02:00:00Z')
const TS = String(NOW / 1000)
const SAFE: TestAccountInput = {
  appId: 'wxruntimestate0001',
  token: 'runtimetoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'safe',
}

let env: TestPayload
let payload: Payload
let seq = 1

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
})
afterAll(async () => env?.close())

const message = () => textMessage('oRuntimeState0000000000001', '你好', String(++seq), NOW / 1000)

test('each runtime has caches of its own: one built after a key change uses the new key, one built before keeps its cache', async () => {
  const id = await createAccount(payload, SAFE)
  const before = testCallbackRuntime(payload, { now: () => NOW })
  expect((await handleCallback(id, signedPost(id, message(), { timestamp: TS, mode: 'safe', account: SAFE }), before.deps)).status).toBe(200)

  const rotated = { ...SAFE, token: 'rotatedtoken' }
  await payload.update({ collection: 'wechat-accounts', id, overrideAccess: true, data: { token: rotated.token } })
  const after = testCallbackRuntime(payload, { now: () => NOW })
  expect((await handleCallback(id, signedPost(id, message(), { timestamp: TS, mode: 'safe', account: rotated }), after.deps)).status).toBe(200)
  expect((await handleCallback(id, signedPost(id, message(), { timestamp: TS, mode: 'safe', account: SAFE }), after.deps)).outcome).toBe('bad-msg-signature')
  // The first runtime still has the secrets it read (cached 60 s, as in production).
  expect((await handleCallback(id, signedPost(id, message(), { timestamp: TS, mode: 'safe', account: SAFE }), before.deps)).status).toBe(200)
})

test('close() hands the open journal segment to the importer and writes pending mode-mismatch sightings', async () => {
  const id = await createAccount(payload, { ...SAFE, appId: 'wxruntimestate0002' })
  // A journal of its own that closes a segment only when told: under load, the two requests below may
  // be more than the usual 0.5 s apart, and the count must see exactly the segment close() hands over.
  const journal = new InboundJournal(fs.mkdtempSync(path.join(os.tmpdir(), 'journal-close-')), { rotateAfterMs: 60_000 })
  const ready = () =>
    fs.existsSync(path.join(journal.directory, JOURNAL_DIRS.ready)) ? fs.readdirSync(path.join(journal.directory, JOURNAL_DIRS.ready)).length : 0
  const runtime = testCallbackRuntime(payload, { now: () => NOW, journal })
  const readyBefore = ready()
  // Two signed plain requests to a safe-mode account: the first sighting is written at once, the
  // second waits for the once-a-minute write.
  for (let i = 0; i < 2; i++) {
    expect((await handleCallback(id, signedPost(id, message(), { timestamp: TS, mode: 'plain', account: SAFE }), runtime.deps)).status).toBe(200)
  }
  await runtime.close()
  expect(ready()).toBe(readyBefore + 1)
  const account = await payload.findByID({ collection: 'wechat-accounts', id, overrideAccess: true, depth: 0 })
  expect(account.modeMismatch).toMatchObject({ modeSeen: 'plain', configuredMode: 'safe', count: 2 })
})

test("without afterResponse the runtime starts a web process's inbound worker, which close() stops", async () => {
  const runtime = createCallbackRuntime(payload, { journal: testJournal() })
  expect(runtime.worker).toBeInstanceOf(InboundWorker)
  // A web server leaves the import to the scheduler (WECHAT_INBOUND_WEB_IMPORT_DELAY_SECONDS, 30).
  expect(runtime.worker!.importsAtOnce).toBe(false)
  await runtime.close()
  expect(testCallbackRuntime(payload).worker).toBeNull()
})

test('perPayload: one value per Payload instance, built on first use', () => {
  const built: object[] = []
  const valueOf = perPayload('test-runtime-state', (owner) => {
    built.push(owner)
    return { owner }
  })
  const [first, second] = [{}, {}] as unknown as Payload[]
  expect(valueOf(first!)).toBe(valueOf(first!))
  expect(valueOf(second!)).not.toBe(valueOf(first!))
  expect(valueOf(second!).owner).toBe(second)
  expect(built).toEqual([first, second])
})
