'use client'
import { Link, useAuth, useTranslation } from '@payloadcms/ui'
import React from 'react'
import { pick } from '../../shared/bilingual'

const LINKS = [
  { href: '/admin/this-week', label: { zh: '本周推送', en: 'This week' }, roles: null },
  { href: '/admin/push-calendar', label: { zh: '推送日历', en: 'Push calendar' }, roles: null },
  // 账号矩阵: every account's week, for admins and leaders.
  { href: '/admin/matrix', label: { zh: '账号矩阵', en: 'Account matrix' }, roles: ['admin', 'leader'] },
]

export const PushNavLinks: React.FC = () => {
  const { user } = useAuth()
  const { i18n } = useTranslation()
  if (!user) return null
  return (
    <>
      {LINKS.filter((link) => link.roles === null || link.roles.includes(String((user as { role?: unknown }).role))).map((link) => (
        // Payload's Link, as its own nav links: moves within the admin without reloading it.
        <Link key={link.href} className="nav__link" href={link.href} prefetch={false} style={{ display: 'block', padding: '4px 0' }}>
          {pick(link.label, i18n.language)}
        </Link>
      ))}
    </>
  )
}
