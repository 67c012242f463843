'use client'
import { Link, useAuth, useTranslation } from '@payloadcms/ui'
import React from 'react'
import { pick } from '../../shared/bilingual'

/**
 * 好差评看板 for office staff (users with offices), leaders and admins. Presentation only: the view
 * reads as the user, so it shows only what they may read.
 */
export const RatingsNavLinks: React.FC = () => {
  const { user } = useAuth<{ role?: string; offices?: unknown[] | null }>()
  const { i18n } = useTranslation()
  if (!user) return null
  const sees = user.role === 'admin' || user.role === 'leader' || (Array.isArray(user.offices) && user.offices.length > 0)
  if (!sees) return null
  return (
    // Payload's Link, as its own nav links: moves within the admin without reloading it.
    <Link className="nav__link" href="/admin/ratings-board" prefetch={false} style={{ display: 'block', padding: '4px 0' }}>
      {pick({ zh: '好差评看板', en: 'Ratings board' }, i18n.language)}
    </Link>
  )
}
