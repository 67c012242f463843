'use client'
import { Banner } from '@payloadcms/ui'
import React from 'react'
import type { ActionAnswer } from './post-action'

/** The last answer of a push action, kept on the page (not a passing toast): what actually happened. */
export const AnswerBanner: React.FC<{ answer: ActionAnswer | null }> = ({ answer }) =>
  answer ? (
    <div
      role={answer.tone === 'success' ? 'status' : 'alert'}
      className="push-answer"
      data-tone={answer.tone}
      style={{ whiteSpace: 'pre-wrap', marginTop: 'calc(var(--base) / 2)' }}
    >
      <Banner type={answer.tone === 'success' ? 'success' : answer.tone === 'warning' ? 'info' : 'error'}>{answer.message}</Banner>
    </div>
  ) : null
