import config from '@payload-config'
import { getPayload } from 'payload'
import { cancelResponse } from '../../../_lib/appointment-handlers'

// `POST /m/appointments/<id>/cancel`: the resident cancels before the cut-off.
export const dynamic = 'force-dynamic'

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params
  return cancelResponse(await getPayload({ config }), request, id)
}
