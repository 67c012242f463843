import { createContentCollection } from '../src/content/create-content-collection'

export const CommunityNews = createContentCollection({
  slug: 'community-news',
  labels: { singular: { zh: '社区要闻', en: 'Community news' }, plural: { zh: '社区要闻', en: 'Community news' } },
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
