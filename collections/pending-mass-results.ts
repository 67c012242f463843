import type { CollectionConfig } from 'payload'
import { isAdmin } from '../src/access/roles'

const nobody = () => false

/**
 * Mass-send results (`MASSSENDJOBFINISH`) that arrived before any push of the receiving account knew
 * their msg_id — the answer to `sendall` was lost and WeChat finished first. Kept, one per account
 * and msg_id, until the send records that msg_id (the 45065 settle, or any other path) and applies
 * them: the items still get their WeChat article addresses.
 */
export const PendingMassResults: CollectionConfig = {
  slug: 'pending-mass-results',
  labels: { singular: { zh: '待匹配的群发结果', en: 'Unmatched mass-send result' }, plural: { zh: '待匹配的群发结果', en: 'Unmatched mass-send results' } },
  admin: { group: { zh: '系统', en: 'System' }, useAsTitle: 'key' },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  fields: [
    // `<account id>:<msg_id>`: WeChat repeats an event it thinks was not received; one row per result.
    { name: 'key', type: 'text', required: true, unique: true, index: true },
    { name: 'account', type: 'relationship', relationTo: 'wechat-accounts', required: true, label: { zh: '公众号', en: 'Account' } },
    { name: 'msgId', type: 'text', required: true, index: true, label: 'msg_id' },
    // The result as `applyMassResult` takes it (status, counts, article URLs by index).
    { name: 'result', type: 'json', required: true, label: { zh: '结果', en: 'Result' } },
    { name: 'receivedAt', type: 'date', required: true, label: { zh: '收到时间', en: 'Received at' } },
  ],
  timestamps: true,
}
