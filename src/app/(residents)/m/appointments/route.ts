import config from '@payload-config'
import { getPayload } from 'payload'
import { myAppointmentsResponse } from '../_lib/appointment-handlers'

// `/m/appointments` (我的预约): needs the resident's WeChat identity.
export const dynamic = 'force-dynamic'

export async function GET(request: Request): Promise<Response> {
  return myAppointmentsResponse(await getPayload({ config }), request)
}
