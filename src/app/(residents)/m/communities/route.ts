import config from '@payload-config'
import { getPayload } from 'payload'
import { communitiesResponse } from '../_lib/community-handlers'

// `/m/communities` (社区服务号): the community accounts the street office's account links — public, any browser.
export const dynamic = 'force-dynamic'

export async function GET(request: Request): Promise<Response> {
  return communitiesResponse(await getPayload({ config }), request)
}
