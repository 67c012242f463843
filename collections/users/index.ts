import type { CollectionConfig } from 'payload'
import { isAdmin } from '../../src/access/roles'
import { ROLES, ROLE_LABELS } from '../../src/access/roles'
import { adminOnlyField, canReadUsers, canUpdateUsers } from './access'
import { keepLastAdmin, preventDeletingLastAdmin, requireEditorCommunity } from './hooks'

export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: { zh: '用户', en: 'User' }, plural: { zh: '用户', en: 'Users' } },
  auth: {
    tokenExpiration: 8 * 60 * 60,
    maxLoginAttempts: 5,
    lockTime: 10 * 60 * 1000,
    cookies: { sameSite: 'Lax', secure: process.env.NODE_ENV === 'production' && process.env.PUBLIC_URL?.startsWith('https://') === true },
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'email', 'role', 'community', 'active'],
    group: { zh: '系统', en: 'System' },
  },
  access: {
    read: canReadUsers,
    create: isAdmin,
    update: canUpdateUsers,
    delete: isAdmin,
    admin: ({ req }) => req.user?.collection === 'users' && (req.user as { active?: boolean }).active !== false,
  },
  hooks: {
    beforeChange: [requireEditorCommunity, keepLastAdmin],
    beforeDelete: [preventDeletingLastAdmin],
  },
  fields: [
    { name: 'name', type: 'text', required: true, label: { zh: '姓名', en: 'Name' } },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'editor',
      index: true,
      saveToJWT: true,
      label: { zh: '角色', en: 'Role' },
      options: ROLES.map((value) => ({ value, label: ROLE_LABELS[value] })),
      access: { create: adminOnlyField, update: adminOnlyField },
    },
    {
      name: 'community',
      type: 'relationship',
      relationTo: 'communities',
      index: true,
      saveToJWT: true,
      label: { zh: '所属社区', en: 'Community' },
      admin: { description: { zh: '社区编辑必填', en: 'Required for editors' } },
      access: { create: adminOnlyField, update: adminOnlyField },
    },
    {
      name: 'wechatOpenid',
      type: 'text',
      index: true,
      label: { zh: '微信 OpenID', en: 'WeChat openid' },
      admin: { description: { zh: '可选：用于接收推送预览', en: 'Optional: receives push previews' } },
      access: { create: adminOnlyField, update: adminOnlyField },
    },
    {
      name: 'bindWechat',
      type: 'ui',
      label: { zh: '绑定微信', en: 'Bind WeChat' },
      admin: { components: { Field: '/src/admin/binding/BindingCode#BindingCode' } },
    },
    {
      name: 'active',
      type: 'checkbox',
      defaultValue: true,
      saveToJWT: true,
      label: { zh: '启用', en: 'Active' },
      access: { create: adminOnlyField, update: adminOnlyField },
    },
  ],
}
