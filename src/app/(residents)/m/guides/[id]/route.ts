import config from '@payload-config'
import { getPayload } from 'payload'
import { guideResponse } from '../../_lib/handlers'

// `/m/guides/<id>`: one approved guide.
export const dynamic = 'force-dynamic'

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params
  return guideResponse(await getPayload({ config }), request, id)
}
