import config from '@payload-config'
import { getPayload } from 'payload'
import { guideListResponse } from '../_lib/handlers'

// `/m/guides?q=`: the approved guides and the search (src/app/(residents)/README.md).
export const dynamic = 'force-dynamic'

export async function GET(request: Request): Promise<Response> {
  return guideListResponse(await getPayload({ config }), request)
}
