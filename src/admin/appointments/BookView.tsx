import { Banner, Button } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import React from 'react'
import { bookableGuidesFor, staffViewAccess } from '../../services/appointments/staff-views'
import { pick } from '../../shared/bilingual'
import { PushPage } from '../push/PushPage'
import { BookForm } from './BookForm'

/**
 * 代约 (`/admin/appointments-book`): staff book a slot for a resident who calls or walks in — a bookable
 * guide of their offices (admins: any), its slots without the online cut-off, the resident's name,
 * mobile and (when the guide asks) ID number; the booking code is shown large to read out.
 */
export async function AppointmentsBookView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const lang = req.i18n.language
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  const access = staffViewAccess(req.user)
  const guides = access.canAct ? await bookableGuidesFor(req.payload, req.user) : []
  return (
    <PushPage view={props}>
      <h1 style={{ marginTop: 24 }}>{t('代约（电话或现场）', 'Book for a resident')}</h1>
      <div style={{ margin: '0 0 var(--base)' }}>
        <Button el="link" url="/admin/appointments-today" buttonStyle="pill" size="small" margin={false}>
          {t('← 今日预约', '← Appointments today')}
        </Button>
      </div>
      {!access.canAct ? (
        <Banner type="info">{t('只有承办科室的工作人员和管理员可以代约。', 'Only office staff and administrators book for residents.')}</Banner>
      ) : guides.length === 0 ? (
        <Banner type="info">
          {t(
            '您所在科室还没有可预约的办事事项（办事指南须已通过审核并勾选“可预约”）。',
            'Your offices have no bookable guide yet (approved, with “bookable” ticked).',
          )}
        </Banner>
      ) : (
        <BookForm guides={guides.map((guide) => ({ id: guide.id, title: guide.title }))} />
      )}
    </PushPage>
  )
}
