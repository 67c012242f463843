import { createContentCollection } from './content/create-content-collection'
import { CONTENT_TYPE_LABELS } from '../src/services/content/types'

export const Articles = createContentCollection({
  slug: 'articles',
  labels: CONTENT_TYPE_LABELS['articles'],
  description: { zh: '党员学习资料、公益活动、通知公告等一般文章', en: 'Party study material, public welfare, notices' },
  typeFields: [
    {
      name: 'category',
      type: 'select',
      defaultValue: 'notice',
      label: { zh: '栏目', en: 'Category' },
      options: [
        { value: 'party-study', label: { zh: '党员学习', en: 'Party study' } },
        { value: 'public-welfare', label: { zh: '微·公益', en: 'Public welfare' } },
        { value: 'notice', label: { zh: '通知公告', en: 'Notice' } },
        { value: 'consultation', label: { zh: '微问政', en: 'Public consultation' } },
        { value: 'other', label: { zh: '其他', en: 'Other' } },
      ],
    },
  ],
})
