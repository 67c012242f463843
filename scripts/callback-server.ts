import { exitWithError, startPayloadOrExit } from '../src/cli/errors'
import { NO_ACCOUNT_MESSAGE } from '../src/services/accounts/accounts'
import { createCallbackRuntime } from '../src/inbound/callback-runtime'
import { createCallbackServer } from '../src/wechat/callback/server'

// The WeChat callback server: point WeChat's 服务器地址 at https://<host>/api/wechat/callback/<account id>
// and the reverse proxy at this port. Runs beside the admin and the scheduler; the scheduler imports
// what this process journals. It listens on 127.0.0.1 (WECHAT_CALLBACK_HOST, as scripts/env.mjs
// callbackHost): only the reverse proxy on this machine reaches it; 0.0.0.0 only for a proxy elsewhere.
const payload = await startPayloadOrExit()
const port = Number(process.env.WECHAT_CALLBACK_PORT ?? 3001)
const host = process.env.WECHAT_CALLBACK_HOST?.trim() || '127.0.0.1'
// The runtime (caches, journal, this process's inbound worker) is built once, here, and passed in.
const runtime = createCallbackRuntime(payload)
const server = createCallbackServer(runtime.deps)
await new Promise<void>((resolve) => {
  server.once('error', (error: NodeJS.ErrnoException) =>
    exitWithError(
      error.code === 'EADDRINUSE' ? new Error(`端口 ${port} 已被占用：npm start 可能已经运行了回调服务；要再开一个，请设置 WECHAT_CALLBACK_PORT`) : error,
    ),
  )
  server.listen(port, host, resolve)
})
// Nothing is invented when no account is configured: the office is told to add one.
if ((await payload.count({ collection: 'wechat-accounts', overrideAccess: true })).totalDocs === 0) payload.logger.warn(NO_ACCOUNT_MESSAGE)
payload.logger.info(`微信回调服务已启动：http://${host}:${port}/api/wechat/callback/<公众号 ID>`)

// `payload run` exits when the script's module finishes: this one runs until it is stopped.
await new Promise<void>((resolve) => {
  process.once('SIGINT', resolve)
  process.once('SIGTERM', resolve)
})
const closed = new Promise<void>((resolve) => server.close(() => resolve()))
server.closeIdleConnections()
await closed
// The open segment goes to the importer now rather than after the 30 s abandon time, and pending
// mode-mismatch sightings are written rather than lost.
await runtime.close()
await payload.destroy()
process.exit(0)
