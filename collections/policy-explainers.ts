import { webAddress } from './content/fields'
import { createContentCollection } from './content/create-content-collection'
import { CONTENT_TYPE_LABELS } from '../src/services/content/types'

export const PolicyExplainers = createContentCollection({
  slug: 'policy-explainers',
  labels: CONTENT_TYPE_LABELS['policy-explainers'],
  description: { zh: '对一份政策文件的通俗解读：要点与问答', en: 'A plain-language explainer of one policy document' },
  typeFields: [
    {
      type: 'collapsible',
      label: { zh: '政策信息', en: 'Policy' },
      fields: [
        { name: 'policyTitle', type: 'text', required: true, label: { zh: '政策名称', en: 'Policy title' } },
        {
          type: 'row',
          fields: [
            { name: 'issuingBody', type: 'text', label: { zh: '发布机关', en: 'Issuing body' } },
            { name: 'documentNumber', type: 'text', label: { zh: '文号', en: 'Document number' } },
            {
              name: 'effectiveDate',
              type: 'date',
              label: { zh: '施行日期', en: 'Effective date' },
              admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'yyyy-MM-dd' } },
            },
          ],
        },
        {
          name: 'sourceLink',
          type: 'text',
          label: { zh: '政策原文链接', en: 'Source link' },
          validate: webAddress({ zh: '政策原文链接', en: 'Source link' }),
        },
        {
          name: 'keyPoints',
          type: 'array',
          label: { zh: '政策要点', en: 'Key points' },
          labels: { singular: { zh: '要点', en: 'Point' }, plural: { zh: '要点', en: 'Points' } },
          fields: [{ name: 'point', type: 'textarea', required: true, label: { zh: '要点', en: 'Point' } }],
        },
        {
          name: 'qa',
          type: 'array',
          label: { zh: '问答', en: 'Q&A' },
          labels: { singular: { zh: '问答', en: 'Q&A' }, plural: { zh: '问答', en: 'Q&A' } },
          fields: [
            { name: 'question', type: 'text', required: true, label: { zh: '问', en: 'Question' } },
            { name: 'answer', type: 'textarea', required: true, label: { zh: '答', en: 'Answer' } },
          ],
        },
      ],
    },
  ],
})
