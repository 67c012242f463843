/** The weekdays as select options (ISO numbering as strings, '1' Monday … '7' Sunday), for every setting that names one. */
export const WEEKDAY_OPTIONS = [
  { value: '1', label: { zh: '周一', en: 'Monday' } },
  { value: '2', label: { zh: '周二', en: 'Tuesday' } },
  { value: '3', label: { zh: '周三', en: 'Wednesday' } },
  { value: '4', label: { zh: '周四', en: 'Thursday' } },
  { value: '5', label: { zh: '周五', en: 'Friday' } },
  { value: '6', label: { zh: '周六', en: 'Saturday' } },
  { value: '7', label: { zh: '周日', en: 'Sunday' } },
]
