import config from '@payload-config'
import { getPayload } from 'payload'
import { handleCallback } from '../../../../../../wechat/callback/handler'
import { createCallbackRuntime } from '../../../../../../inbound/callback-runtime'
import { perPayload } from '../../../../../../shared/per-payload'

// The WeChat server callback: /api/wechat/callback/<account id>. More specific than Payload's
// /api/[...slug] catch-all, so Next routes WeChat here.
export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ accountId: string }> }

// A route handler has no constructor to build the callback's runtime in: it is built on the first
// request and kept with the Payload instance, which getPayload keeps one of per process. Kept per
// process (perPayload), not in a module constant: Next may evaluate this module more than once (per
// bundle, on a dev reload), and a second runtime would start a second worker and journal writer.
const callbackRuntimeOf = perPayload('wechat-callback-runtime', (payload) => createCallbackRuntime(payload))

async function handle(request: Request, context: Context): Promise<Response> {
  const { accountId } = await context.params
  const payload = await getPayload({ config })
  const result = await handleCallback(
    accountId,
    { method: request.method, url: request.url, headers: request.headers, body: request.body },
    callbackRuntimeOf(payload).deps,
  )
  return new Response(result.body, { status: result.status, headers: result.headers })
}

export const GET = handle
export const POST = handle
