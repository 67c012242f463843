'use client'
import { useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React from 'react'

/**
 * On a saved account's page: a link to its own custom menu (自定义菜单, its `wechat-menus` row, made
 * with the account). Through the list filtered to the account, which opens with that one row.
 */
export const AccountMenuLink: React.FC = () => {
  const { id } = useDocumentInfo()
  const { i18n } = useTranslation()
  if (id == null) return null
  const en = i18n.language === 'en'
  return (
    <p className="account-menu-link" style={{ marginBottom: 'var(--base)' }}>
      <a href={`/admin/collections/wechat-menus?where[account][equals]=${encodeURIComponent(String(id))}`}>
        {en ? "This account's custom menu" : '本号的自定义菜单'}
      </a>
    </p>
  )
}
