import config from '@payload-config'
import { getPayload } from 'payload'
import { authCallbackResponse } from '../../_lib/handlers'

// `/m/auth/callback`: where WeChat's web authorisation sends the resident back with a code.
export const dynamic = 'force-dynamic'

export async function GET(request: Request): Promise<Response> {
  return authCallbackResponse(await getPayload({ config }), request)
}
