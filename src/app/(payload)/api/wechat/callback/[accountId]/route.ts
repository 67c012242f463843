import config from '@payload-config'
import { getPayload } from 'payload'
import { handleCallback } from '../../../../../../wechat/callback/handler'
import { callbackDepsFor } from '../../../../../../wechat/callback/payload-deps'

// The WeChat server callback: /api/wechat/callback/<account id>. More specific than Payload's
// /api/[...slug] catch-all, so Next routes WeChat here.
export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ accountId: string }> }

async function handle(request: Request, context: Context): Promise<Response> {
  const { accountId } = await context.params
  const payload = await getPayload({ config })
  const result = await handleCallback(
    accountId,
    { method: request.method, url: request.url, headers: request.headers, body: request.body },
    callbackDepsFor(payload),
  )
  return new Response(result.body, { status: result.status, headers: result.headers })
}

export const GET = handle
export const POST = handle
