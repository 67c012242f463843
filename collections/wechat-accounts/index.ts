import type { CollectionConfig } from 'payload'
import { isAdmin, isStaff, roleOf } from '../../src/access/roles'
import { layoutDescription, RESIDENT_NOTICE_KIND_LABELS, RESIDENT_NOTICE_KINDS } from '../../src/services/notifications/resident-notice-layout'
import { STAFF_TEMPLATE_KIND_LABELS, STAFF_TEMPLATE_KINDS, staffLayoutDescription } from '../../src/services/notifications/staff-templates'
import { checkSecretFormats, encryptSecrets, hideSecrets, refuseSecretQueries, secretField } from './secret-fields'
import { SECRET_LABELS } from './secret-labels'
import { accountMenuRow, deleteAccountMenu } from './menu-row'
import { PUSH_RHYTHM_FIELDS } from '../push-settings'
import { validateFollowUrl } from '../../src/services/accounts/community-accounts'

/** A WeChat official account the office runs; the street office's service account is the default. */
export const WeChatAccounts: CollectionConfig = {
  slug: 'wechat-accounts',
  labels: { singular: { zh: '公众号', en: 'WeChat account' }, plural: { zh: '公众号', en: 'WeChat accounts' } },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'appId', 'type', 'isDefault', 'secretsSet'],
    group: { zh: '微信', en: 'WeChat' },
  },
  access: { read: isStaff, create: isAdmin, update: isAdmin, delete: isAdmin },
  hooks: {
    beforeOperation: [refuseSecretQueries],
    beforeValidate: [checkSecretFormats],
    beforeChange: [encryptSecrets],
    afterChange: [accountMenuRow],
    afterRead: [hideSecrets],
    beforeDelete: [deleteAccountMenu],
  },
  fields: [
    { name: 'name', type: 'text', required: true, label: { zh: '名称', en: 'Name' } },
    {
      type: 'row',
      fields: [
        {
          name: 'appId',
          type: 'text',
          required: true,
          unique: true,
          label: { zh: '开发者 ID（AppID）', en: 'App ID (AppID)' },
          validate: (value: unknown) => (typeof value === 'string' && /^wx[0-9a-zA-Z]{10,30}$/.test(value) ? true : 'AppID：应以 wx 开头，由字母和数字组成'),
        },
        { name: 'originalId', type: 'text', label: { zh: '原始 ID（gh_ 开头）', en: 'Original ID (gh_…)' } },
        {
          name: 'type',
          type: 'select',
          defaultValue: 'service',
          label: { zh: '类型', en: 'Type' },
          options: [
            { value: 'service', label: { zh: '服务号（每月 4 次群发）', en: 'Service account (4 mass sends a month)' } },
            { value: 'subscription', label: { zh: '订阅号（每天 1 次群发）', en: 'Subscription account (1 a day)' } },
          ],
        },
      ],
    },
    {
      // Each account has its own menu (wechat-menus): linked from here once the account is saved.
      name: 'menuLink',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/src/admin/wechat-accounts/AccountMenuLink#AccountMenuLink' } },
    },
    {
      // Empty: the street office's account (the one-stop entry); else the community that runs it. Its
      // pushes are worked on by that community's leaders (services/push/account-scope.ts).
      name: 'community',
      type: 'relationship',
      relationTo: 'communities',
      label: { zh: '所属社区', en: 'Community' },
      admin: {
        position: 'sidebar',
        description: { zh: '留空表示街道办的公众号；社区自己开设的号选择该社区', en: "Empty: the street office's account; else the community that runs it" },
      },
    },
    {
      // What residents see on /m/communities (the street office's entry to the community accounts).
      type: 'collapsible',
      label: { zh: '居民看到的介绍（社区服务号）', en: 'Shown to residents (community accounts)' },
      admin: {
        initCollapsed: true,
        description: {
          zh: '有所属社区的公众号会列在街道号的「社区服务号」页（/m/communities），供居民关注',
          en: "Accounts with a community are listed on the street office's 「社区服务号」 page (/m/communities)",
        },
      },
      fields: [
        { name: 'intro', type: 'textarea', maxLength: 200, label: { zh: '简介', en: 'Introduction' } },
        {
          name: 'followUrl',
          type: 'text',
          label: { zh: '关注链接', en: 'Follow link' },
          admin: { description: { zh: '公众号的关注页地址（https 开头）', en: "The account's follow page (https)" } },
          validate: (value: unknown) => validateFollowUrl(value),
        },
        {
          name: 'qrCode',
          type: 'upload',
          relationTo: 'media',
          label: { zh: '二维码', en: 'QR code' },
          admin: { description: { zh: '公众号二维码图片（可选）', en: "The account's QR code image (optional)" } },
        },
      ],
    },
    secretField('appSecret', SECRET_LABELS.appSecret, { zh: '公众平台 → 基本配置 → 开发者密码', en: 'Developer password from the console' }),
    secretField('token', SECRET_LABELS.token, { zh: '服务器配置中的 Token', en: 'The server configuration token' }),
    secretField('encodingAESKey', SECRET_LABELS.encodingAESKey, { zh: '43 位', en: '43 characters' }),
    secretField('previousEncodingAESKey', SECRET_LABELS.previousEncodingAESKey, {
      zh: '更换密钥期间用于解密旧消息',
      en: 'Decrypts messages during a key rotation',
    }),
    {
      name: 'secretsSet',
      type: 'text',
      label: { zh: '已设置的密钥', en: 'Secrets set' },
      access: { create: () => false, update: () => false },
      admin: {
        readOnly: true,
        components: { Cell: '/src/admin/wechat-accounts/SecretsSet#SecretsSetCell', Field: '/src/admin/wechat-accounts/SecretsSet#SecretsSetField' },
      },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'messageMode',
          type: 'select',
          defaultValue: 'safe',
          label: { zh: '消息加解密方式', en: 'Message mode' },
          options: [
            { value: 'plain', label: { zh: '明文模式', en: 'Plain' } },
            { value: 'compatible', label: { zh: '兼容模式', en: 'Compatible' } },
            { value: 'safe', label: { zh: '安全模式（推荐）', en: 'Safe (recommended)' } },
          ],
        },
        { name: 'massSendProtection', type: 'checkbox', label: { zh: '已开启群发保护', en: 'Mass-send protection on' } },
        {
          name: 'isDefault',
          type: 'checkbox',
          label: { zh: '默认公众号', en: 'Default account' },
          admin: { components: { Cell: '/src/admin/fields/BooleanCell#BooleanCell' } },
        },
        {
          // The scheduler serves every account with this on (services/accounts findPushAccounts).
          name: 'pushEnabled',
          type: 'checkbox',
          defaultValue: true,
          label: { zh: '参与每周推送', en: 'In the weekly push' },
          admin: {
            description: {
              zh: '勾选后，调度进程每周为本号组稿、审定后群发（各号互不影响）。停用的号不再自动推送。',
              en: "The scheduler assembles and, once signed off, sends this account's weekly push (each account on its own). Off: no automatic push.",
            },
          },
        },
      ],
    },
    {
      // Written only by the callback (Local API, overrideAccess): requests whose mode differs from
      // messageMode are accepted on their signature and counted here so staff can fix the setting.
      name: 'modeMismatch',
      type: 'group',
      label: { zh: '消息加解密方式不一致', en: 'Message mode mismatch' },
      access: { create: () => false, update: () => false },
      admin: {
        readOnly: true,
        condition: (data) => Boolean(data?.modeMismatch?.count),
        description: {
          zh: '微信发来的消息与上面"消息加解密方式"的设置不一致。这些消息已按微信的签名验证后照常接收，没有丢失；但请核对：公众平台 → 设置与开发 → 基本配置 → 服务器配置 → 消息加解密方式，与本页的设置改为一致（推荐两边都用安全模式）。改好后这里的次数不再增加。',
          en: 'WeChat sent messages in another mode than the "Message mode" above. They were verified by their signature and accepted, nothing was lost; make the console (基本配置 → 服务器配置 → 消息加解密方式) and this setting the same (safe mode recommended). Once they agree the count stops growing.',
        },
      },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'lastSeenAt',
              type: 'date',
              label: { zh: '最近一次', en: 'Last seen' },
              admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime', displayFormat: 'yyyy-MM-dd HH:mm' } },
            },
            {
              name: 'modeSeen',
              type: 'select',
              label: { zh: '微信实际使用的方式', en: 'Mode WeChat used' },
              admin: { readOnly: true },
              options: [
                { value: 'plain', label: { zh: '明文模式', en: 'Plain' } },
                { value: 'compatible', label: { zh: '兼容模式', en: 'Compatible' } },
                { value: 'safe', label: { zh: '安全模式', en: 'Safe' } },
              ],
            },
            {
              name: 'configuredMode',
              type: 'select',
              label: { zh: '当时本系统的设置', en: 'Setting at the time' },
              admin: { readOnly: true },
              options: [
                { value: 'plain', label: { zh: '明文模式', en: 'Plain' } },
                { value: 'compatible', label: { zh: '兼容模式', en: 'Compatible' } },
                { value: 'safe', label: { zh: '安全模式', en: 'Safe' } },
              ],
            },
            { name: 'count', type: 'number', label: { zh: '累计条数', en: 'Requests' }, admin: { readOnly: true } },
          ],
        },
        {
          // Per mode, since the mismatch began (counts start afresh after 7 quiet days): how 运行状态 tells
          // whether WeChat went back to the setting. Requests matching the setting are counted only then.
          type: 'row',
          fields: (['plain', 'compatible', 'safe'] as const).flatMap((mode) => {
            const name = { plain: { zh: '明文模式', en: 'Plain' }, compatible: { zh: '兼容模式', en: 'Compatible' }, safe: { zh: '安全模式', en: 'Safe' } }[
              mode
            ]
            return [
              { name: `${mode}Count`, type: 'number' as const, label: { zh: `${name.zh}请求`, en: `${name.en} requests` }, admin: { readOnly: true } },
              {
                name: `${mode}LastSeenAt`,
                type: 'date' as const,
                label: { zh: `${name.zh}最近`, en: `Last ${name.en.toLowerCase()}` },
                admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' as const, displayFormat: 'yyyy-MM-dd HH:mm' } },
              },
            ]
          }),
        },
      ],
    },
    {
      // Template ids per kind of notice to residents (services/notifications/resident-notices.ts).
      // Only admins set them (the collection says so already; the field says it again so that a
      // later opening of the collection to other roles does not open these).
      name: 'residentTemplates',
      type: 'group',
      label: { zh: '模板消息', en: 'Template messages' },
      access: { create: ({ req }) => roleOf(req.user) === 'admin', update: ({ req }) => roleOf(req.user) === 'admin' },
      admin: {
        description: {
          zh: '发给居民的预约和办理进度通知。模板 ID 在 公众平台 → 广告与服务 → 模板消息 → 我的模板 中查看（先从模板库添加合适的模板）；每种通知选一个关键词与下方说明相符的模板。留空表示不发送该种通知（记录为"未发送"，不算错误）。',
          en: 'Appointment and progress notices to residents. Find the template id in the WeChat console under 广告与服务 → 模板消息 → 我的模板 (add a fitting template from the library first); pick for each kind a template whose keywords match the note below it. Empty: that kind is not sent (recorded as not sent, not an error).',
        },
      },
      fields: RESIDENT_NOTICE_KINDS.map((kind) => ({
        name: kind,
        type: 'text' as const,
        label: RESIDENT_NOTICE_KIND_LABELS[kind],
        admin: { description: { zh: `模板关键词：${layoutDescription(kind)}`, en: `Template keywords: ${layoutDescription(kind)}` } },
        validate: (value: unknown) =>
          value == null || value === '' || (typeof value === 'string' && /^[A-Za-z0-9_-]{10,128}$/.test(value.trim()))
            ? true
            : '模板 ID：应由字母、数字、下划线或减号组成（从"我的模板"中复制）',
      })),
    },
    {
      // Template ids of the alerts to staff who bound their WeChat (services/notifications/staff-templates.ts); admins only, as above.
      name: 'staffTemplates',
      type: 'group',
      label: { zh: '工作人员模板消息', en: 'Staff template messages' },
      access: { create: ({ req }) => roleOf(req.user) === 'admin', update: ({ req }) => roleOf(req.user) === 'admin' },
      admin: {
        description: {
          zh: '发给已绑定微信的工作人员的提醒（如新的居民建议）。同时仍发邮件。留空表示不发微信提醒。',
          en: 'Alerts to staff who bound their WeChat (e.g. a new suggestion); e-mail is sent as well. Empty: no WeChat alert.',
        },
      },
      fields: STAFF_TEMPLATE_KINDS.map((kind) => ({
        name: kind,
        type: 'text' as const,
        label: STAFF_TEMPLATE_KIND_LABELS[kind],
        admin: { description: { zh: `模板关键词：${staffLayoutDescription(kind)}`, en: `Template keywords: ${staffLayoutDescription(kind)}` } },
        validate: (value: unknown) =>
          value == null || value === '' || (typeof value === 'string' && /^[A-Za-z0-9_-]{10,128}$/.test(value.trim()))
            ? true
            : '模板 ID：应由字母、数字、下划线或减号组成（从"我的模板"中复制）',
      })),
    },
    {
      // Each account may keep its own rhythm (a community's account sending on another day); unticked
      // 使用全街道默认设置 makes the values below this account's, read by services/push/settings-load.ts.
      name: 'pushSettings',
      type: 'group',
      label: { zh: '本号推送设置', en: "This account's push settings" },
      admin: {
        description: {
          zh: '默认使用全街道的推送设置（微信 → 推送设置）。取消勾选后，本号按下面的设置组稿、发送；群发额度按本号单独计算。',
          en: "By default the street-wide push settings (WeChat → Push settings) apply. Untick to give this account the settings below; the monthly quota is always this account's own.",
        },
      },
      fields: [
        { name: 'useStreetDefaults', type: 'checkbox', defaultValue: true, label: { zh: '使用全街道默认设置', en: 'Use the street-wide settings' } },
        {
          type: 'collapsible',
          label: { zh: '本号的推送节奏', en: "This account's rhythm" },
          admin: { condition: (_data, siblingData) => siblingData?.useStreetDefaults === false },
          fields: PUSH_RHYTHM_FIELDS,
        },
      ],
    },
    {
      name: 'communityTags',
      type: 'array',
      label: { zh: '社区粉丝标签', en: 'Follower tag per community' },
      labels: { singular: { zh: '标签', en: 'Tag' }, plural: { zh: '标签', en: 'Tags' } },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'community', type: 'relationship', relationTo: 'communities', required: true, label: { zh: '社区', en: 'Community' } },
            { name: 'tagId', type: 'number', required: true, min: 1, label: { zh: '微信标签 ID', en: 'WeChat tag id' } },
          ],
        },
      ],
    },
  ],
}
