/** `POST /api/binding-codes/issue`: a fresh code for the signed-in staff member, valid 10 minutes. */
import type { Endpoint } from 'payload'
import { requireStaff } from '../../access/roles'
import { issueBindingCode } from './codes'

export const issueBindingCodeEndpoint: Endpoint = {
  path: '/issue',
  method: 'post',
  handler: async (req) => {
    const staff = requireStaff(req)
    const issued = await issueBindingCode(req.payload, String(staff.id))
    return Response.json(
      { ...issued, message: `请在 10 分钟内向公众号发送：绑定 ${issued.code}` },
      // The code is a credential for 10 minutes: keep it out of caches.
      { headers: { 'cache-control': 'no-store' } },
    )
  },
}
