/**
 * The pure helpers of the staff views (src/services/appointments/staff-views.ts): grouping a day by
 * slot, where a matter stands against its expected completion date (the overdue count in working
 * days, from the calendar), the board's columns with overdue matters first, and who may do what.
 */
import {
  boardColumns,
  deadlineText,
  groupBySlot,
  matterDeadline,
  staffViewAccess,
  type StaffAppointmentRow,
} from '../../../src/services/appointments/staff-views'

let serial = 0
const row = (fields: Partial<StaffAppointmentRow>): StaffAppointmentRow => {
  serial++
  return {
    id: String(serial),
    bookingCode: `C${String(serial).padStart(5, '0')}`,
    guideTitle: '居住证明办理',
    office: '1',
    slotDate: '2026-12-07',
    slotStart: '09:00',
    slotEnd: '10:00',
    slotStartsAt: '2026-12-07T01:00:00.000Z',
    status: 'booked',
    channel: 'online',
    name: '张*',
    mobile: '138****1234',
    expectedCompletion: null,
    ...fields,
  }
}

test('a day grouped by slot: slots in time order, rows kept in their order within a slot', () => {
  const a = row({ slotStart: '14:00', slotEnd: '15:00' })
  const b = row({ slotStart: '09:00', slotEnd: '10:00' })
  const c = row({ slotStart: '14:00', slotEnd: '15:00', guideTitle: '另一个事项' })
  const d = row({ slotStart: '09:00', slotEnd: '09:30' })
  const groups = groupBySlot([a, b, c, d])
  expect(groups.map((group) => `${group.start}-${group.end}`)).toEqual(['09:00-09:30', '09:00-10:00', '14:00-15:00'])
  expect(groups[2]!.rows.map((r) => r.id)).toEqual([a.id, c.id])
  expect(groupBySlot([])).toEqual([])
})

test('deadline: none without a date, due up to the date, overdue by working days after it (weekends not counted)', () => {
  expect(matterDeadline('checked_in', null, '2026-12-14')).toEqual({ kind: 'none' })
  expect(matterDeadline('accepted', '2026-12-11', '2026-12-11')).toEqual({ kind: 'due', date: '2026-12-11' })
  // Friday's date, read on Monday: Saturday and Sunday do not count.
  expect(matterDeadline('in_progress', '2026-12-11', '2026-12-14')).toEqual({ kind: 'overdue', date: '2026-12-11', workingDays: 1 })
  expect(matterDeadline('needs_more', '2026-12-11', '2026-12-16')).toEqual({ kind: 'overdue', date: '2026-12-11', workingDays: 3 })
  // A closed matter is never overdue.
  expect(matterDeadline('done', '2026-12-11', '2026-12-16')).toEqual({ kind: 'due', date: '2026-12-11' })
})

test('deadline text: 已超期 N 个工作日, the date when overdue on a day off, 预计办结, English', () => {
  expect(deadlineText(matterDeadline('accepted', '2026-12-11', '2026-12-16'), 'zh')).toBe('已超期 3 个工作日')
  expect(deadlineText(matterDeadline('accepted', '2026-12-11', '2026-12-16'), 'en')).toBe('Overdue by 3 working day(s)')
  // Saturday after Friday's date: overdue, but no working day has passed yet.
  expect(deadlineText(matterDeadline('accepted', '2026-12-11', '2026-12-12'), 'zh')).toBe('已超期（预计办结 2026-12-11）')
  expect(deadlineText(matterDeadline('accepted', '2026-12-11', '2026-12-10'), 'zh')).toBe('预计办结 2026-12-11')
  expect(deadlineText({ kind: 'none' }, 'zh')).toBe('')
})

test('deadline across a year the calendar does not know: overdue without a count, with the calendar warning', () => {
  const deadline = matterDeadline('in_progress', '2026-12-30', '2027-01-05')
  expect(deadline).toMatchObject({ kind: 'overdue', date: '2026-12-30', workingDays: null })
  expect(deadline.kind === 'overdue' && deadline.calendarWarning).toContain('2027')
  expect(deadlineText(deadline, 'zh')).toBe('已超期（预计办结 2026-12-30）')
})

test('the board: four columns, counts, overdue first (most working days first), then the nearest date, then no date', () => {
  const today = '2026-12-16'
  const due = row({ status: 'in_progress', expectedCompletion: '2026-12-18' })
  const dueSooner = row({ status: 'in_progress', expectedCompletion: '2026-12-17' })
  const late1 = row({ status: 'in_progress', expectedCompletion: '2026-12-15' })
  const late3 = row({ status: 'in_progress', expectedCompletion: '2026-12-11' })
  const noDate = row({ status: 'in_progress' })
  const waiting = row({ status: 'checked_in' })
  const asked = row({ status: 'needs_more', expectedCompletion: '2026-12-14' })
  const closed = row({ status: 'done', expectedCompletion: '2026-12-01' })
  const booked = row({ status: 'booked' })
  const columns = boardColumns([due, noDate, late1, dueSooner, late3, waiting, asked, closed, booked], today)
  expect(columns.map((column) => [column.status, column.count, column.overdue])).toEqual([
    ['checked_in', 1, 0],
    ['accepted', 0, 0],
    ['in_progress', 5, 2],
    ['needs_more', 1, 1],
  ])
  expect(columns[2]!.rows.map((r) => r.id)).toEqual([late3.id, late1.id, dueSooner.id, due.id, noDate.id])
  expect(columns[2]!.rows[0]!.deadline).toEqual({ kind: 'overdue', date: '2026-12-11', workingDays: 3 })
  expect(columns[3]!.rows[0]!.deadline).toEqual({ kind: 'overdue', date: '2026-12-14', workingDays: 2 })
})

test('who may see and act: admins and office staff act; leaders see every office read-only; others nothing', () => {
  const user = (fields: Record<string, unknown>) => ({ collection: 'users', id: 'u', ...fields }) as never
  expect(staffViewAccess(user({ role: 'admin' }))).toEqual({ canSee: true, canAct: true, allOffices: true })
  expect(staffViewAccess(user({ role: 'leader' }))).toEqual({ canSee: true, canAct: false, allOffices: true })
  expect(staffViewAccess(user({ role: 'editor', offices: ['7'] }))).toEqual({ canSee: true, canAct: true, allOffices: false })
  expect(staffViewAccess(user({ role: 'editor', offices: [] }))).toEqual({ canSee: false, canAct: false, allOffices: false })
  expect(staffViewAccess(user({ role: 'editor', offices: ['7'], active: false }))).toEqual({ canSee: false, canAct: false, allOffices: false })
  expect(staffViewAccess(null)).toEqual({ canSee: false, canAct: false, allOffices: false })
})
