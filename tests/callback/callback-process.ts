/**
 * A web process for the journal crash test: the callback server (as `npm run callback`), a real
 * Payload on the test's SQLite file (DATABASE_URI, PAYLOAD_SECRET from the parent), the journal in
 * the mode of WECHAT_INBOUND_JOURNAL_SYNC. Prints `@@ready <port>` once listening; the parent
 * SIGKILLs it mid-load — no cleanup, no flushing.
 *
 *   node --conditions=production --import tsx tests/callback/callback-process.ts
 */
import type { AddressInfo } from 'node:net'
import { createCallbackRuntime } from '../../src/inbound/callback-runtime'
import { createCallbackServer } from '../../src/wechat/callback/server'

const { BasePayload } = await import('payload')
const { default: config } = await import('../../src/payload.config')
const payload = await new BasePayload().init({ config })
// The import is the scheduler's job; this process only answers.
const server = createCallbackServer(createCallbackRuntime(payload, { afterResponse: () => undefined }).deps)
server.listen(0, '127.0.0.1', () => process.stdout.write(`@@ready ${(server.address() as AddressInfo).port}\n`))
