'use client'
import { Link, useAuth, useTranslation } from '@payloadcms/ui'
import React from 'react'
import { pick } from '../../shared/bilingual'

/** 运行状态 in the nav, for admins only (presentation: the view itself refuses everyone else). */
export const HealthNavLink: React.FC = () => {
  const { user } = useAuth<{ role?: string }>()
  const { i18n } = useTranslation()
  if (user?.role !== 'admin') return null
  return (
    <Link className="nav__link" href="/admin/health" prefetch={false} style={{ display: 'block', padding: '4px 0' }}>
      {pick({ zh: '运行状态', en: 'System health' }, i18n.language)}
    </Link>
  )
}
