import { createContentCollection } from './content/create-content-collection'
import { CONTENT_TYPE_LABELS } from '../src/services/content/types'

export const CommunityNews = createContentCollection({
  slug: 'community-news',
  labels: CONTENT_TYPE_LABELS['community-news'],
  description: { zh: '社区活动与新闻：时间、地点、现场照片', en: 'Community events and news' },
  typeFields: [
    {
      type: 'row',
      fields: [
        {
          name: 'eventDate',
          type: 'date',
          label: { zh: '活动日期', en: 'Event date' },
          admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'yyyy-MM-dd' } },
        },
        { name: 'place', type: 'text', label: { zh: '地点', en: 'Place' } },
      ],
    },
    {
      name: 'photos',
      type: 'upload',
      relationTo: 'media',
      hasMany: true,
      label: { zh: '现场照片', en: 'Photos' },
    },
  ],
})
