import type { ReviewAction, ReviewState } from './state-machine'

/** One row of an item's 审核记录: a transition (`ReviewAction`), an edit that sent it back (`edit`), or an admin's direct `set`. */
export interface HistoryEntry {
  id?: string | null
  action: ReviewAction | 'edit' | 'set'
  from: ReviewState
  to: ReviewState
  by?: string | null
  at: string
  reason?: string | null
}

/** Appends one entry, keeping the stored rows as they were. */
export function appendHistory(previous: unknown, entry: HistoryEntry): HistoryEntry[] {
  const rows = Array.isArray(previous) ? (previous as HistoryEntry[]) : []
  return [...rows.map((row) => ({ ...row, by: typeof row.by === 'object' && row.by ? (row.by as { id: string }).id : row.by })), entry]
}
