import { safeCell } from '../../../src/services/appointments/export'

test('a cell that a spreadsheet would run as a formula is written as text', () => {
  expect(['=1+1', '+86', '-3', '@SUM(A1)', '\tx', 'plain', '张**', 12, null].map(safeCell)).toEqual([
    "'=1+1",
    "'+86",
    "'-3",
    "'@SUM(A1)",
    "'\tx",
    'plain',
    '张**',
    '12',
    '',
  ])
})
