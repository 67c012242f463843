/**
 * The rectification item's deadline fields added for the 2027 calendar gap (issue 14 review F3), not yet
 * in src/payload-types.ts: the lead regenerates the types after merging. Until then the Local API's
 * answers are read, and its data written, through this narrow type (`as` at that boundary only).
 */
import type { Rectification } from '../../payload-types'

export interface DeadlineCountFields {
  /** True when the deadline is an estimate (a year the calendar did not know counted Monday–Friday). */
  deadlineEstimated?: boolean | null
  /** The day the deadline's count started (`openedOn`, or the day of reopening). */
  deadlineFrom?: string | null
  /** The working days counted. */
  deadlineDays?: number | null
}

/** A stored item with the fields above. */
export type RectificationWithCount = Rectification & DeadlineCountFields
