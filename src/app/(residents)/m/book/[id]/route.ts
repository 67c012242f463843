import config from '@payload-config'
import { getPayload } from 'payload'
import { bookPageResponse, bookSubmitResponse } from '../../_lib/appointment-handlers'

// `/m/book/<guide>` (预约办理): GET the days, slots and form; POST the booking. Needs the resident.
export const dynamic = 'force-dynamic'

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params
  return bookPageResponse(await getPayload({ config }), request, id)
}

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params
  return bookSubmitResponse(await getPayload({ config }), request, id)
}
