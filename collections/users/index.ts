import type { CollectionConfig } from 'payload'
import { isAdmin, ROLES, ROLE_LABELS, staffOf } from '../../src/access/roles'
import { adminOnlyField, canReadUsers, canUpdateUsers } from './access'
import { endSessionsOnDeactivation, enforcePasswordLength, enforcePasswordLengthOnReset, refuseDeactivatedLogin, requireCurrentPassword } from './credentials'
import { keepLastAdmin, preventDeletingLastAdmin, requireEditorCommunity } from './hooks'
import { throttleLogin } from './login-throttle'

export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: { zh: '用户', en: 'User' }, plural: { zh: '用户', en: 'Users' } },
  auth: {
    tokenExpiration: 8 * 60 * 60,
    // No hard lock: it let five requests lock the leader out and told which emails exist.
    // Failed sign-ins are slowed down per address and per account instead (./login-throttle.ts).
    maxLoginAttempts: 0,
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
    admin: ({ req }) => staffOf(req.user) !== null,
  },
  hooks: {
    beforeOperation: [throttleLogin, enforcePasswordLengthOnReset],
    beforeValidate: [enforcePasswordLength],
    beforeChange: [requireEditorCommunity, keepLastAdmin, requireCurrentPassword],
    afterChange: [endSessionsOnDeactivation],
    beforeLogin: [refuseDeactivatedLogin],
    beforeDelete: [preventDeletingLastAdmin],
  },
  fields: [
    {
      // Never stored: checked by requireCurrentPassword when someone changes their own email or password.
      name: 'currentPassword',
      type: 'text',
      virtual: true,
      label: { zh: '当前密码', en: 'Current password' },
      // Readable (the admin renders only readable fields) but never holds a value.
      hooks: { afterRead: [() => undefined] },
      admin: {
        // Payload's own password input (masked); shown only on one's own account.
        components: { Field: '/collections/users/CurrentPasswordField#CurrentPasswordField' },
        description: { zh: '修改自己的邮箱或密码时必填', en: 'Required to change your own email or password' },
        condition: (data, _siblingData, { user }) => user != null && data?.id != null && String(data.id) === String(user.id),
      },
    },
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
      name: 'offices',
      type: 'relationship',
      relationTo: 'offices',
      hasMany: true,
      saveToJWT: true,
      label: { zh: '所属科室', en: 'Offices' },
      admin: {
        description: {
          zh: '窗口工作人员所在的科室：可查看和办理这些科室的预约（含群众完整个人信息）',
          en: "The offices whose appointments this person handles (with residents' full personal data)",
        },
      },
      access: { create: adminOnlyField, update: adminOnlyField },
    },
    {
      name: 'wechatOpenid',
      type: 'text',
      index: true,
      label: { zh: '微信 OpenID', en: 'WeChat openid' },
      admin: {
        description: {
          zh: '默认公众号上的绑定（可选）：用于接收推送预览。其他公众号的绑定见下方「各公众号的微信绑定」',
          en: "The binding on the default account (optional): receives push previews. Other accounts' bindings are below",
        },
      },
      access: { create: adminOnlyField, update: adminOnlyField },
    },
    {
      // One row per account: WeChat gives a person a different openid in each account
      // (src/services/binding/openids.ts). Written by `绑定 <code>` on that account; read like wechatOpenid.
      name: 'wechatBindings',
      type: 'array',
      label: { zh: '各公众号的微信绑定', en: 'WeChat bindings per account' },
      labels: { singular: { zh: '绑定', en: 'Binding' }, plural: { zh: '绑定', en: 'Bindings' } },
      access: { create: adminOnlyField, update: adminOnlyField },
      admin: {
        description: {
          zh: '工作人员向某个公众号发送「绑定 八位数字」时写入；每个公众号的 OpenID 各不相同',
          en: 'Written when a staff member sends 「绑定 <code>」 to an account; each account has its own openid',
        },
      },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'account', type: 'relationship', relationTo: 'wechat-accounts', required: true, label: { zh: '公众号', en: 'Account' } },
            { name: 'openid', type: 'text', required: true, index: true, label: { zh: '微信 OpenID', en: 'WeChat openid' } },
            {
              name: 'boundAt',
              type: 'date',
              label: { zh: '绑定时间', en: 'Bound at' },
              admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'yyyy-MM-dd HH:mm' } },
            },
          ],
        },
      ],
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
