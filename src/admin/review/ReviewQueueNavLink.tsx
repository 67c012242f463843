'use client'
import { Link, useAuth, useTranslation } from '@payloadcms/ui'
import React from 'react'
import { pick } from '../../shared/bilingual'

export const ReviewQueueNavLink: React.FC = () => {
  const { user } = useAuth<{ role?: string }>()
  const { i18n } = useTranslation()
  if (!user) return null
  const label = user.role === 'editor' ? { zh: '我的稿件', en: 'My drafts' } : { zh: '待审核', en: 'Review queue' }
  return (
    // Payload's Link, as its own nav links: moves within the admin without reloading it.
    <Link className="nav__link" href="/admin/review-queue" prefetch={false} style={{ display: 'block', padding: '4px 0' }}>
      {pick(label, i18n.language)}
    </Link>
  )
}
