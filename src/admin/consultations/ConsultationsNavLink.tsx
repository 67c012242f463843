import { Link } from '@payloadcms/ui'
import type { Payload, PayloadRequest } from 'payload'
import React from 'react'
import { roleOf } from '../../access/roles'
import { waitingCountFor } from '../../services/consultations/board'
import { pick } from '../../shared/bilingual'

interface NavServerProps {
  payload?: Payload
  user?: PayloadRequest['user']
  i18n?: { language?: string }
}

/**
 * 微问政 in the nav for staff, with a badge: how many suggestions wait for this user (待审核 of their
 * community or offices; all for leaders and admins), counted on the server at each page load with
 * the user's own access (board.ts waitingCountFor). Presentation only: the board checks access itself.
 */
export async function ConsultationsNavLink(props: NavServerProps) {
  const { payload, user } = props
  if (!payload || !roleOf(user)) return null
  const waiting = await waitingCountFor(payload, user ?? null)
  const label = pick({ zh: '微问政', en: 'Consultations' }, props.i18n?.language ?? 'zh')
  return (
    // Payload's Link, as its own nav links: moves within the admin without reloading it.
    <Link className="nav__link" href="/admin/consultations-board" prefetch={false} style={{ display: 'flex', gap: 6, alignItems: 'center', padding: '4px 0' }}>
      <span>{label}</span>
      {waiting > 0 ? (
        <span
          className="consultations-nav__badge"
          title={pick({ zh: `${waiting} 条建议待审核`, en: `${waiting} suggestion(s) waiting` }, props.i18n?.language ?? 'zh')}
          style={{ background: 'var(--theme-error-500)', color: '#fff', borderRadius: 10, padding: '0 6px', fontSize: 12, lineHeight: '18px' }}
        >
          {waiting}
        </span>
      ) : null}
    </Link>
  )
}
