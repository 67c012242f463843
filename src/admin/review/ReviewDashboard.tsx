import type { ServerProps } from 'payload'
import { Card } from '@payloadcms/ui'
import React from 'react'
import { staffOf } from '../../access/roles'
import { REVIEW_STATE_LABELS, type ReviewState } from '../../services/review/state-machine'
import { pick } from '../../shared/bilingual'
import { CONTENT_COLLECTIONS } from '../../services/content/types'
import { countQueue } from './review-queue'

/** The dashboard's first lines: what is waiting for this person. */
export async function ReviewDashboard({ payload, user, i18n }: ServerProps) {
  const staff = staffOf(user)
  if (!staff || !user) return null
  const lang = i18n.language
  const focus: ReviewState[] = staff.role === 'editor' ? ['returned', 'draft', 'submitted'] : ['submitted', 'approved']
  const counts = await Promise.all(
    focus.map(async (status) => ({
      status,
      // 已通过 is where content waits for the weekly push; an approved service guide is done and stays
      // approved, so it would only make this count grow.
      count: await countQueue(payload, user, { status, mine: staff.role === 'editor', types: status === 'approved' ? CONTENT_COLLECTIONS : undefined }),
    })),
  )
  return (
    <div className="review-dashboard" style={{ marginBottom: 24 }}>
      <h2>{pick({ zh: '审核工作台', en: 'Review desk' }, lang)}</h2>
      <ul
        className="review-dashboard__cards"
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 'var(--base)', listStyle: 'none', padding: 0 }}
      >
        {counts.map(({ status, count }) => (
          <li key={status}>
            <Card
              id={`review-dashboard-${status}`}
              title={`${pick(REVIEW_STATE_LABELS[status], lang)}：${count}`}
              href={`/admin/review-queue?status=${status}${staff.role === 'editor' ? '&mine=1' : '&mine=0'}`}
            />
          </li>
        ))}
      </ul>
    </div>
  )
}
