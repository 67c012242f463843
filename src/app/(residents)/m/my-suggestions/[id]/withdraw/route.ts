import config from '@payload-config'
import { getPayload } from 'payload'
import { withdrawResponse } from '../../../_lib/topic-handlers'

// `POST /m/my-suggestions/<id>/withdraw`: the resident takes back a suggestion still 待审核.
export const dynamic = 'force-dynamic'

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params
  return withdrawResponse(await getPayload({ config }), request, id)
}
