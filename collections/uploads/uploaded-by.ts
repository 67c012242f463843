import type { Access, CollectionBeforeChangeHook, Field, FieldAccess } from 'payload'
import { roleOf, staffOf } from '../../src/access/roles'

/**
 * Who uploaded a file (images in `media`, the guides' forms in `documents`) and what follows from it:
 * staff change only their own uploads, admins any; the uploader is stamped on create and never
 * written through the API.
 */

/** Update access of an upload collection: admins any file, other staff the files they uploaded. */
export const updateOwnUploads: Access = ({ req }) => {
  const staff = staffOf(req.user)
  if (!staff) return false
  return staff.role === 'admin' ? true : { uploadedBy: { equals: staff.id } }
}

/** beforeChange: a file created by a signed-in staff member records them as its uploader. */
export const stampUploader: CollectionBeforeChangeHook = ({ data, operation, req }) => {
  if (operation === 'create' && roleOf(req.user)) data.uploadedBy = req.user?.id
  return data
}

/** The read-only `uploadedBy` field (sidebar); `read` narrows who sees it (default: whoever reads the file). */
export function uploadedByField(read?: FieldAccess): Field {
  return {
    name: 'uploadedBy',
    type: 'relationship',
    relationTo: 'users',
    label: { zh: '上传人', en: 'Uploaded by' },
    access: { ...(read ? { read } : {}), create: () => false, update: () => false },
    admin: { readOnly: true, position: 'sidebar' },
  }
}
