import type { CollectionConfig, Field } from 'payload'
import { apiEndpoints } from '../../src/http/api-endpoints'
import { canCreateContent, canDeleteContent, canReadContent, canUpdateContent } from '../../src/services/review/access'
import { removeDeletedItemFromBundles, voidSignOffOnItemEdit } from '../../src/services/push/item-hooks'
import { reviewEndpoint } from '../../src/services/review/endpoint'
import { enforceReviewRules } from '../../src/services/review/hooks'
import { contentFields } from './fields'

interface ContentCollectionOptions {
  slug: string
  labels: CollectionConfig['labels']
  description: { zh: string; en: string }
  typeFields: Field[]
}

/** A content type: shared WeChat article fields, the review workflow, and the type's own fields. */
export function createContentCollection({ slug, labels, description, typeFields }: ContentCollectionOptions): CollectionConfig {
  return {
    slug,
    labels,
    admin: {
      useAsTitle: 'title',
      defaultColumns: ['title', 'reviewStatus', 'community', 'createdBy', 'priority', 'updatedAt'],
      listSearchableFields: ['title', 'digest', 'author'],
      group: { zh: '内容', en: 'Content' },
      description,
    },
    access: { read: canReadContent, create: canCreateContent, update: canUpdateContent, delete: canDeleteContent },
    hooks: { beforeChange: [enforceReviewRules], afterChange: [voidSignOffOnItemEdit], beforeDelete: [removeDeletedItemFromBundles] },
    endpoints: apiEndpoints([reviewEndpoint(slug)]),
    fields: contentFields(typeFields),
    timestamps: true,
  }
}
