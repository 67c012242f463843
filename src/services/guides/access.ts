import type { Access, FieldAccess, Where } from 'payload'
import { staffOf } from '../../access/roles'
import { canReadContent } from '../review/access'

/** What residents see of service guides: approved ones only. */
export const APPROVED_GUIDE: Where = { reviewStatus: { equals: 'approved' } }

/**
 * Residents (anyone, signed in or not) read approved guides. Staff read what they read of any
 * reviewed item (editors: their community's and their own; leaders and admins: all) and, like
 * residents, every approved guide.
 */
export const canReadGuides: Access = async (args) => {
  if (!staffOf(args.req.user)) return APPROVED_GUIDE
  const staffRule = await canReadContent(args)
  if (staffRule === true) return true
  if (staffRule === false) return APPROVED_GUIDE
  return { or: [staffRule, APPROVED_GUIDE] }
}

/**
 * The blank forms and filled samples: staff read them all; anyone else only the files an approved
 * guide offers (its materials' `blankForm` or `sample`), the file itself as well as its document.
 */
export const canReadGuideDocuments: Access = async ({ req }) => {
  if (staffOf(req.user)) return true
  const guides = await req.payload.find({
    collection: 'service-guides',
    where: APPROVED_GUIDE,
    overrideAccess: true,
    depth: 0,
    pagination: false,
    select: { materials: { blankForm: true, sample: true } },
    req,
  })
  const ids = new Set<string | number>()
  for (const guide of guides.docs) {
    for (const material of guide.materials ?? []) {
      for (const file of [material.blankForm, material.sample]) {
        const id = typeof file === 'object' && file ? file.id : file
        if (id != null) ids.add(id)
      }
    }
  }
  if (ids.size === 0) return false
  return { id: { in: [...ids] } }
}

/** Only staff see who wrote, reviewed and approved a guide, and its review history. */
export const staffOnlyField: FieldAccess = ({ req }) => staffOf(req.user) !== null
