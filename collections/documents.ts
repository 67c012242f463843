import path from 'node:path'
import type { CollectionConfig } from 'payload'
import { isAdmin, isStaff } from '../src/access/roles'
import { canReadGuideDocuments, staffOnlyField } from '../src/services/guides/access'
import { refuseDeletingApprovedDocument, refuseReplacingApprovedDocument } from '../src/services/guides/document-guard'
import { checkDocumentUpload, DOCUMENT_KINDS_LABEL, DOCUMENT_MIME_TYPES, explainDocumentUploadError, MAX_DOCUMENT_MB } from '../src/services/guides/documents'
import { stampUploader, updateOwnUploads, uploadedByField } from './uploads/uploaded-by'

export const documentsDirectory = (): string => path.resolve(process.env.DOCUMENTS_DIR ?? path.join(process.env.MEDIA_DIR ?? 'data/media', '..', 'documents'))

/**
 * 表格与样表: the blank forms and filled samples a service guide offers residents to download,
 * checked by content (src/services/guides/documents.ts). Residents read only those an approved guide offers.
 */
export const Documents: CollectionConfig = {
  slug: 'documents',
  labels: { singular: { zh: '表格文件', en: 'Document' }, plural: { zh: '表格与样表', en: 'Forms and samples' } },
  admin: {
    useAsTitle: 'title',
    group: { zh: '办事服务', en: 'Services' },
    defaultColumns: ['title', 'filename', 'filesize', 'createdAt'],
    description: {
      zh: `办事指南中供居民下载的空白表格和填写样表：${DOCUMENT_KINDS_LABEL}，不超过 ${MAX_DOCUMENT_MB} MB（按文件内容识别类型）`,
      en: `Blank forms and filled samples residents download from a service guide: PDF, Word, Excel, JPG or PNG up to ${MAX_DOCUMENT_MB} MB (type checked by content)`,
    },
  },
  access: {
    read: canReadGuideDocuments,
    create: isStaff,
    update: updateOwnUploads,
    delete: isAdmin,
  },
  hooks: {
    // What residents download is what the leader approved (src/services/guides/document-guard.ts).
    beforeOperation: [refuseReplacingApprovedDocument, checkDocumentUpload],
    beforeDelete: [refuseDeletingApprovedDocument],
    afterError: [explainDocumentUploadError],
    beforeChange: [stampUploader],
  },
  upload: { staticDir: documentsDirectory(), mimeTypes: DOCUMENT_MIME_TYPES },
  fields: [
    {
      name: 'title',
      type: 'text',
      required: true,
      label: { zh: '文件名称', en: 'Title' },
      admin: { description: { zh: '居民看到的名称，如“居住证申领登记表（空白）”', en: 'The name residents see' } },
    },
    uploadedByField(staffOnlyField),
  ],
}
