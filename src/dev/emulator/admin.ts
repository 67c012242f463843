/**
 * `/__emulator/*`: control endpoints for runs where the test is another process
 * (e2e against `cli.ts`). Not part of WeChat's API.
 */
import type { FaultCommand } from './faults'
import type { SimulatedUserMessage } from './message'
import type { WeChatEmulator } from './server'

interface AdminAnswer {
  status: number
  body: unknown
}

function readJson(body: Buffer): Record<string, unknown> | null {
  if (body.length === 0) return {}
  try {
    const value: unknown = JSON.parse(body.toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

export async function handleAdmin(url: URL, method: string, body: Buffer, emulator: WeChatEmulator): Promise<AdminAnswer> {
  const action = `${method} ${url.pathname}`
  const json = method === 'POST' ? readJson(body) : {}
  if (json === null) return { status: 400, body: { error: 'body must be a JSON object' } }
  const appId = typeof json.appId === 'string' ? json.appId : undefined
  // An account the emulator does not know is the caller's mistake, not an emulator failure (500).
  if (appId && !emulator.state.accounts.has(appId)) return { status: 404, body: { error: `no account ${appId}` } }

  switch (action) {
    case 'GET /__emulator/accounts': {
      // The accounts it emulates (never their secrets): what `npm run wechat:emulator:account` checks.
      const accounts = [...emulator.state.accounts.values()].map((account) => ({
        appId: account.config.appId,
        callbackUrl: account.config.callbackUrl,
        followers: [...account.users.values()].filter((user) => user.subscribed).length,
      }))
      return { status: 200, body: { accounts } }
    }
    case 'GET /__emulator/log': {
      const path = url.searchParams.get('path')
      return { status: 200, body: { entries: path ? emulator.requestLog.filter((entry) => entry.path === path) : emulator.requestLog } }
    }
    case 'GET /__emulator/template-messages': {
      // The template messages the account really sent (a repeat deduplicated by client_msg_id is not
      // listed again), oldest first; `?appId=` (default: the first account), `?touser=` narrows to one resident.
      const accountAppId = url.searchParams.get('appId') ?? undefined
      if (accountAppId && !emulator.state.accounts.has(accountAppId)) return { status: 404, body: { error: `no account ${accountAppId}` } }
      const touser = url.searchParams.get('touser')
      const messages = emulator.account(accountAppId).templateMessages.filter((message) => !touser || message.touser === touser)
      return { status: 200, body: { messages } }
    }
    case 'GET /__emulator/callbacks':
      return { status: 200, body: { deliveries: emulator.callbackLog } }
    case 'GET /__emulator/faults':
      return { status: 200, body: emulator.faults.current() }
    case 'POST /__emulator/faults':
      emulator.faults.apply(json as FaultCommand)
      return { status: 200, body: emulator.faults.current() }
    case 'POST /__emulator/reset':
      emulator.reset()
      return { status: 200, body: { ok: true } }
    case 'POST /__emulator/clock': {
      const advanceMs = typeof json.advanceMs === 'number' && Number.isFinite(json.advanceMs) ? json.advanceMs : 0
      emulator.advanceClock(advanceMs)
      return { status: 200, body: { now: emulator.now() } }
    }
    case 'POST /__emulator/mass-outcome':
      if (typeof json.status !== 'string') return { status: 400, body: { error: 'status is required' } }
      emulator.forceNextMassOutcome(json.status, appId)
      return { status: 200, body: { ok: true } }
    case 'POST /__emulator/complete-mass-jobs':
      emulator.completeMassJobs()
      return { status: 200, body: { ok: true } }
    case 'POST /__emulator/user-message': {
      if (typeof json.openid !== 'string') return { status: 400, body: { error: 'openid is required' } }
      const result = await emulator.simulateUserMessage(json.openid, json as SimulatedUserMessage, appId)
      return { status: 200, body: result }
    }
    case 'POST /__emulator/temporary-media': {
      // { base64, contentType, mediaType?, appId? } → { mediaId }: a resident's image or voice file.
      if (typeof json.base64 !== 'string' || typeof json.contentType !== 'string')
        return { status: 400, body: { error: 'base64 and contentType are required' } }
      const mediaType =
        json.mediaType === 'image' || json.mediaType === 'voice' || json.mediaType === 'video' || json.mediaType === 'thumb' ? json.mediaType : undefined
      const mediaId = emulator.addTemporaryMedia({ bytes: Buffer.from(json.base64, 'base64'), contentType: json.contentType, mediaType }, appId)
      return { status: 200, body: { mediaId } }
    }
    case 'POST /__emulator/oauth-code': {
      if (typeof json.openid !== 'string') return { status: 400, body: { error: 'openid is required' } }
      const scope = json.scope === 'snsapi_userinfo' ? 'snsapi_userinfo' : 'snsapi_base'
      return { status: 200, body: { code: emulator.issueOAuthCode(json.openid, scope, appId) } }
    }
    default:
      return { status: 404, body: { error: `unknown emulator endpoint ${action}` } }
  }
}
