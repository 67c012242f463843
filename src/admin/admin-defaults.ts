import type { CollectionConfig, Field, GlobalConfig, PayloadRequest } from 'payload'
import { hiddenFromNav, NAV_ROLES, roleOf } from '../access/roles'
import { isUserRelationship, USER_NAME_CELL, USER_NAME_FIELD, userNameField } from './user-names'
import { DATE_FORMAT, DATE_TIME_FORMAT } from '../shared/time'

/**
 * What every collection and global of the admin gets, applied once in payload.config.ts so that a
 * new collection or field is covered without anyone remembering to:
 *
 * - navigation: `admin.hidden` from the role table in src/access/roles.ts (NAV_ROLES), which also
 *   hides the dashboard card and the admin routes of a section from roles it is not for;
 * - the API tab: administrators only (the API view itself is guarded in the admin page route);
 * - dates in Beijing time, one format: a cell for every date column (timestamps included), a field
 *   for every date field, and the document header's "最后修改 / 创建";
 * - JSON and code fields: Monaco served by this server, never from a CDN;
 * - read-only relationships to users: shown by name (src/admin/user-names.ts).
 */
const DATE_CELL = '/src/admin/dates/BeijingDateCell#BeijingDateCell'
const DATE_FIELD = '/src/admin/dates/BeijingDateField#BeijingDateField'
const DOCUMENT_DATES = '/src/admin/dates/DocumentDates#DocumentDates'
const JSON_FIELD = '/src/admin/code-editor/LocalCodeField#LocalJSONField'
const CODE_FIELD = '/src/admin/code-editor/LocalCodeField#LocalCodeField'

type Components = Record<string, unknown>

/** A date field's picker format when Payload's picker shows it (editable day-only dates). */
const pickerFormat = (appearance: string | undefined) => (appearance === 'dayOnly' ? DATE_FORMAT : appearance === 'timeOnly' ? 'HH:mm' : DATE_TIME_FORMAT)

/** A list of fields with the defaults; `readOnly` is inherited from a read-only parent (array, group…). */
function withFieldsDefaults(fields: Field[], parentReadOnly = false): Field[] {
  return fields.flatMap((field) => {
    const readOnly = parentReadOnly || (field.admin as { readOnly?: boolean } | undefined)?.readOnly === true
    const next = withFieldDefaults(field, readOnly)
    return isUserRelationship(field) && readOnly ? [next, userNameField(field)] : [next]
  })
}

function withFieldDefaults(field: Field, readOnly: boolean): Field {
  const next = { ...field } as Field & { admin?: Record<string, unknown> & { components?: Components; date?: Record<string, unknown> } }
  if ('fields' in next && Array.isArray(next.fields)) (next as { fields: Field[] }).fields = withFieldsDefaults(next.fields, readOnly)
  if (next.type === 'tabs') next.tabs = next.tabs.map((tab) => ({ ...tab, fields: withFieldsDefaults(tab.fields, readOnly) }))
  if (next.type === 'blocks') next.blocks = next.blocks.map((block) => ({ ...block, fields: withFieldsDefaults(block.fields, readOnly) }))
  if (next.type === 'date') {
    const admin = next.admin ?? {}
    const components = admin.components ?? {}
    const date = admin.date ?? {}
    next.admin = {
      ...admin,
      date: { ...date, displayFormat: pickerFormat(date.pickerAppearance as string | undefined) },
      components: { Cell: DATE_CELL, Field: DATE_FIELD, ...components },
    }
  }
  if (next.type === 'json' || next.type === 'code') {
    const admin = next.admin ?? {}
    ;(next as { admin?: unknown }).admin = { ...admin, components: { Field: next.type === 'json' ? JSON_FIELD : CODE_FIELD, ...(admin.components ?? {}) } }
  }
  if (isUserRelationship(next) && readOnly) {
    const admin = next.admin ?? {}
    ;(next as { admin?: unknown }).admin = { ...admin, components: { Field: USER_NAME_FIELD, Cell: USER_NAME_CELL, ...(admin.components ?? {}) } }
  }
  return next as Field
}

/** Payload's own timestamps, declared here as Payload would add them, with the Beijing-time cell. */
function timestampFields(fields: Field[]): Field[] {
  const named = new Set(fields.map((field) => ('name' in field ? field.name : undefined)))
  const extra: Field[] = []
  for (const name of ['updatedAt', 'createdAt'] as const) {
    if (named.has(name)) continue
    extra.push({
      name,
      type: 'date',
      index: true,
      label: ({ t }) => t(name === 'updatedAt' ? 'general:updatedAt' : 'general:createdAt'),
      admin: { disableBulkEdit: true, hidden: true, components: { Cell: DATE_CELL } },
    })
  }
  return [...fields, ...extra]
}

const adminOnlyTab = ({ req }: { req: Pick<PayloadRequest, 'user'> }) => roleOf(req.user) === 'admin'

function editComponents(admin: { components?: Components } | undefined): Components {
  const components = admin?.components ?? {}
  const views = (components.views ?? {}) as Components & { edit?: Components & { api?: Components & { tab?: Components } } }
  const edit = views.edit ?? {}
  const before = (components.edit as Components | undefined)?.beforeDocumentControls as unknown[] | undefined
  return {
    ...components,
    edit: { ...((components.edit as Components | undefined) ?? {}), beforeDocumentControls: [...(before ?? []), DOCUMENT_DATES] },
    views: { ...views, edit: { ...edit, api: { ...(edit.api ?? {}), tab: { ...(edit.api?.tab ?? {}), condition: adminOnlyTab } } } },
  }
}

/** A collection with the admin defaults above. */
export function withCollectionDefaults(collection: CollectionConfig): CollectionConfig {
  const fields = withFieldsDefaults(collection.fields)
  return {
    ...collection,
    fields: collection.timestamps === false ? fields : timestampFields(fields),
    admin: {
      ...collection.admin,
      hidden: NAV_ROLES[collection.slug] ? hiddenFromNav(collection.slug) : collection.admin?.hidden,
      components: editComponents(collection.admin) as NonNullable<CollectionConfig['admin']>['components'],
    },
  }
}

/** A global with the admin defaults above. */
export function withGlobalDefaults(global: GlobalConfig): GlobalConfig {
  return {
    ...global,
    fields: withFieldsDefaults(global.fields),
    admin: {
      ...global.admin,
      hidden: NAV_ROLES[global.slug] ? hiddenFromNav(global.slug) : global.admin?.hidden,
      components: editComponents(global.admin) as NonNullable<GlobalConfig['admin']>['components'],
    },
  }
}
