'use client'
import { Button, CheckboxInput, SelectInput, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'
import { pick } from '../../shared/bilingual'

interface FilterOption {
  value: string
  label: string
}

export interface ReviewQueueFiltersProps {
  statuses: FilterOption[]
  types: FilterOption[]
  communities: FilterOption[]
  initial: { status: string; type: string; community: string; mine: boolean }
}

/** The queue's filters in Payload's own inputs; 筛选 reloads the list with them in the address. */
export const ReviewQueueFilters: React.FC<ReviewQueueFiltersProps> = ({ statuses, types, communities, initial }) => {
  const { i18n } = useTranslation()
  const lang = i18n.language
  const router = useRouter()
  const [filters, setFilters] = useState(initial)
  const all = pick({ zh: '全部', en: 'All' }, lang)
  const select = (name: 'status' | 'type' | 'community', label: string, options: FilterOption[]) => (
    <div style={{ minWidth: 180 }} className={`review-queue__filter review-queue__filter--${name}`}>
      <SelectInput
        name={name}
        path={`filter-${name}`}
        label={label}
        options={[{ value: '', label: all }, ...options]}
        value={filters[name]}
        isClearable={false}
        onChange={(option) => {
          const value = Array.isArray(option) ? option[0]?.value : option?.value
          setFilters((current) => ({ ...current, [name]: typeof value === 'string' ? value : '' }))
        }}
      />
    </div>
  )
  const apply = () => {
    const params = new URLSearchParams()
    if (filters.status) params.set('status', filters.status)
    if (filters.type) params.set('type', filters.type)
    if (filters.community) params.set('community', filters.community)
    // Always present, so "all" stays all instead of falling back to the role's default view.
    params.set('mine', filters.mine ? '1' : '0')
    router.push(`/admin/review-queue?${params.toString()}`)
  }
  return (
    <div className="review-queue__filters" style={{ display: 'flex', gap: 'var(--base)', flexWrap: 'wrap', alignItems: 'flex-end', margin: 'var(--base) 0' }}>
      {select('status', pick({ zh: '状态', en: 'Status' }, lang), statuses)}
      {select('type', pick({ zh: '类型', en: 'Type' }, lang), types)}
      {select('community', pick({ zh: '社区', en: 'Community' }, lang), communities)}
      <div style={{ paddingBottom: 8 }}>
        <CheckboxInput
          name="mine"
          label={pick({ zh: '只看我的', en: 'Only mine' }, lang)}
          checked={filters.mine}
          onToggle={(event) => setFilters((current) => ({ ...current, mine: event.target.checked }))}
        />
      </div>
      <Button buttonStyle="secondary" size="medium" margin={false} onClick={apply} className="review-queue__apply">
        {pick({ zh: '筛选', en: 'Filter' }, lang)}
      </Button>
    </div>
  )
}
