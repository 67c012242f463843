import { Link } from '@payloadcms/ui'
import type { PayloadRequest } from 'payload'
import React from 'react'
import { NAV_ROLES, roleOf } from '../../access/roles'
import { pick } from '../../shared/bilingual'

/**
 * 统计分析 in the nav for the roles NAV_ROLES lists under `analytics` (leaders, admins). Rendered on
 * the server (roles.ts stays out of the client bundle). Presentation only: the view checks the role.
 */
export function AnalyticsNavLink(props: { user?: PayloadRequest['user']; i18n?: { language?: string } }) {
  const role = roleOf(props.user)
  if (!role || !NAV_ROLES.analytics?.includes(role)) return null
  return (
    // Payload's Link, as its own nav links: moves within the admin without reloading it.
    <Link className="nav__link" href="/admin/analytics" prefetch={false} style={{ display: 'block', padding: '4px 0' }}>
      {pick({ zh: '统计分析', en: 'Analytics' }, props.i18n?.language ?? 'zh')}
    </Link>
  )
}
