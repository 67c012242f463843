'use client'
import type { CodeFieldClientProps, JSONFieldClientProps } from 'payload'
import { CodeField, JSONField, ShimmerEffect, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'
import { pick } from '../../shared/bilingual'
import { ensureLocalMonaco } from './local-monaco'

/** Waits for the locally served Monaco, then renders Payload's field, which then never reaches for the CDN. */
function useLocalMonaco(): 'loading' | 'ready' | 'failed' {
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading')
  useEffect(() => {
    let live = true
    ensureLocalMonaco().then(
      () => live && setState('ready'),
      () => live && setState('failed'),
    )
    return () => {
      live = false
    }
  }, [])
  return state
}

const Failed: React.FC = () => {
  const { i18n } = useTranslation()
  return (
    <p style={{ color: 'var(--theme-error-500)' }}>
      {pick({ zh: '编辑器加载失败，请刷新页面。', en: 'The editor failed to load; reload the page.' }, i18n.language)}
    </p>
  )
}

/** Every `json` field of the admin (set by src/admin/admin-defaults.ts). */
export const LocalJSONField: React.FC<JSONFieldClientProps> = (props) => {
  const state = useLocalMonaco()
  if (state === 'failed') return <Failed />
  return state === 'ready' ? <JSONField {...props} /> : <ShimmerEffect height="120px" />
}

/** Every `code` field of the admin (set by src/admin/admin-defaults.ts). */
export const LocalCodeField: React.FC<CodeFieldClientProps> = (props) => {
  const state = useLocalMonaco()
  if (state === 'failed') return <Failed />
  return state === 'ready' ? <CodeField {...props} /> : <ShimmerEffect height="120px" />
}
