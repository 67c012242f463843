/**
 * The states of a resident's message in the inbox, with their labels: the collection's `status`
 * field and the conversation view both read them from here.
 */
export const RESIDENT_MESSAGE_STATUS_OPTIONS = [
  { value: 'new', label: { zh: '未处理', en: 'New' } },
  // Answered by a passive auto-reply (`autoReply` says which); staff may still take it.
  { value: 'auto-replied', label: { zh: '已自动回复', en: 'Auto-replied' } },
  { value: 'replied', label: { zh: '已回复', en: 'Replied' } },
  { value: 'closed', label: { zh: '已关闭', en: 'Closed' } },
]
