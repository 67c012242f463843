import { Table } from '@payloadcms/ui'
import type { ClientField, Column } from 'payload'
import React from 'react'

export interface TableColumn {
  /** A stable key: the column's `cell-<key>` class and `heading-<key>` id, as Payload's list tables have. */
  key: string
  heading: React.ReactNode
  /** One cell per row, in row order. */
  cells: React.ReactNode[]
}

/**
 * A list in Payload's own table (`@payloadcms/ui` Table: the list view's look, fonts and colours),
 * built from ready cells. `rowIds` become each row's `data-id`.
 */
export function DataTable({ columns, rowIds, className }: { columns: TableColumn[]; rowIds: string[]; className?: string }) {
  const payloadColumns: Column[] = columns.map((column) => ({
    accessor: column.key,
    active: true,
    field: { name: column.key, type: 'text' } as ClientField,
    Heading: column.heading,
    renderedCells: column.cells,
  }))
  return (
    <div className={className}>
      <Table columns={payloadColumns} data={rowIds.map((id) => ({ id }))} />
    </div>
  )
}
