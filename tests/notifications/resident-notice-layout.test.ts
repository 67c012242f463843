/** The template data a notice sends: the keyword layout per kind, the 20-character cut, defaults. */
import {
  cutKeyword,
  KEYWORD_MAX_CHARS,
  layoutDescription,
  RESIDENT_NOTICE_KINDS,
  RESIDENT_NOTICE_LAYOUT,
  templateDataFor,
} from '../../src/services/notifications/resident-notice-layout'

describe('cutKeyword', () => {
  test('20 characters pass as they are; 21 become 19 and 「…」 (20 in all)', () => {
    const twenty = '居'.repeat(20)
    expect(cutKeyword(twenty)).toBe(twenty)
    const cut = cutKeyword('居'.repeat(21))
    expect(cut).toBe(`${'居'.repeat(19)}…`)
    expect(Array.from(cut)).toHaveLength(KEYWORD_MAX_CHARS)
  })

  test('counts characters, not UTF-16 units: an emoji beyond the BMP is one character and is never split', () => {
    const value = `${'办'.repeat(18)}😀😀😀`
    const cut = cutKeyword(value)
    expect(Array.from(cut)).toHaveLength(20)
    expect(cut).toBe(`${'办'.repeat(18)}😀…`)
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })

  test('one line: newlines and runs of spaces become one space, ends trimmed', () => {
    expect(cutKeyword('  请携带\n身份证   原件 ')).toBe('请携带 身份证 原件')
  })
})

describe('templateDataFor', () => {
  test('booked: matter, time, code, state in keyword1-4; the note as remark; first is the kind', () => {
    const data = templateDataFor('booked', { matter: '居住证办理', time: '12月1日 09:00-09:30', code: 'A1234', note: '请携带身份证' })
    expect(data).toEqual({
      first: { value: '您已预约成功' },
      keyword1: { value: '居住证办理' },
      keyword2: { value: '12月1日 09:00-09:30' },
      keyword3: { value: 'A1234' },
      keyword4: { value: '预约成功' },
      remark: { value: '请携带身份证' },
    })
  })

  test('keywords over 20 characters are cut; first and remark are not (WeChat no longer shows them)', () => {
    const long = '城乡居民基本医疗保险参保登记及缴费信息变更业务办理'
    expect(Array.from(long).length).toBeGreaterThan(20)
    const data = templateDataFor('needsMore', { matter: long, note: long })
    expect(data.keyword1!.value).toBe(cutKeyword(long))
    expect(data.keyword1!.value.endsWith('…')).toBe(true)
    expect(data.keyword3!.value).toBe(cutKeyword(long))
    expect(data.remark!.value).toBe(long)
  })

  test('a field without a value is left out; the state is the kind’s own unless given', () => {
    const data = templateDataFor('accepted', { matter: '低保申请', expected: '2026-12-15' })
    expect(data).toMatchObject({ keyword1: { value: '低保申请' }, keyword2: { value: '已受理' }, keyword3: { value: '2026-12-15' } })
    expect(data).not.toHaveProperty('keyword4')
    expect(data.remark).toEqual({ value: RESIDENT_NOTICE_LAYOUT.accepted.remark })
    expect(templateDataFor('accepted', { state: '已受理（加急）' }).keyword2).toEqual({ value: '已受理（加急）' })
  })

  test.each(RESIDENT_NOTICE_KINDS)('%s: every keyword maps one field, the admin description names all four', (kind) => {
    const layout = RESIDENT_NOTICE_LAYOUT[kind]
    expect(Object.keys(layout.keywords)).toEqual(['keyword1', 'keyword2', 'keyword3', 'keyword4'])
    expect(layoutDescription(kind).split(' · ')).toHaveLength(4)
    const full = templateDataFor(kind, { matter: 'm', time: 't', code: 'c', state: 's', note: 'n', expected: 'e' })
    expect(Object.keys(full).sort()).toEqual(['first', 'keyword1', 'keyword2', 'keyword3', 'keyword4', 'remark'])
  })
})
