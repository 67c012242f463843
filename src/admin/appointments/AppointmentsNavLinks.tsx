'use client'
import { Link, useAuth, useTranslation } from '@payloadcms/ui'
import React from 'react'
import { pick } from '../../shared/bilingual'

/**
 * 今日预约 for office staff (users with offices) and admins; 办件看板 for them and for leaders (read
 * only, masked). Presentation only: the views and endpoints check access themselves.
 */
export const AppointmentsNavLinks: React.FC = () => {
  const { user } = useAuth<{ role?: string; offices?: unknown[] | null }>()
  const { i18n } = useTranslation()
  if (!user) return null
  const staff = user.role === 'admin' || (Array.isArray(user.offices) && user.offices.length > 0)
  const links = [
    ...(staff ? [{ href: '/admin/appointments-today', label: { zh: '今日预约', en: 'Appointments today' } }] : []),
    ...(staff || user.role === 'leader' ? [{ href: '/admin/matters-board', label: { zh: '办件看板', en: 'Matters board' } }] : []),
  ]
  return (
    <>
      {links.map((link) => (
        // Payload's Link, as its own nav links: moves within the admin without reloading it.
        <Link key={link.href} className="nav__link" href={link.href} prefetch={false} style={{ display: 'block', padding: '4px 0' }}>
          {pick(link.label, i18n.language)}
        </Link>
      ))}
    </>
  )
}
