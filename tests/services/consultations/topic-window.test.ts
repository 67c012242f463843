import { acceptsSubmissions, TOPIC_CATEGORIES, TOPIC_CATEGORY_LABELS, topicPhase, validateTopicDates } from '../../../src/services/consultations/topic-window'

/** The instant of a Beijing wall-clock time. */
const bj = (date: string, time: string): number => Date.parse(`${date}T${time}+08:00`)
const topic = { opensOn: '2026-10-08', closesOn: '2026-10-20' }

describe('topic phase (Beijing dates, inclusive)', () => {
  test('未开始 until the last second before the open date in Beijing', () => {
    expect(topicPhase(topic, bj('2026-10-07', '23:59:59'))).toBe('not_open')
    // 2026-10-07T16:30Z is 10-08 00:30 in Beijing: open, although the UTC date is still the 7th.
    expect(topicPhase(topic, Date.parse('2026-10-07T16:30:00Z'))).toBe('open')
  })
  test('征集中 on the open and close dates themselves', () => {
    expect(topicPhase(topic, bj('2026-10-08', '00:00:00'))).toBe('open')
    expect(topicPhase(topic, bj('2026-10-20', '23:59:59'))).toBe('open')
    expect(acceptsSubmissions(topic, bj('2026-10-20', '23:59:59'))).toBe(true)
  })
  test('已截止 from the day after the close date', () => {
    expect(topicPhase(topic, bj('2026-10-21', '00:00:00'))).toBe('closed')
    expect(acceptsSubmissions(topic, bj('2026-10-21', '00:00:00'))).toBe(false)
    expect(acceptsSubmissions(topic, bj('2026-10-01', '12:00:00'))).toBe(false)
  })
  test('结果已公开 wins over the dates, and takes no more suggestions', () => {
    const published = { ...topic, outcomePublishedAt: '2026-10-15T02:00:00.000Z' }
    expect(topicPhase(published, bj('2026-10-16', '09:00:00'))).toBe('outcome_published')
    expect(acceptsSubmissions(published, bj('2026-10-16', '09:00:00'))).toBe(false)
    expect(topicPhase({ ...topic, outcomePublishedAt: null }, bj('2026-10-16', '09:00:00'))).toBe('open')
  })
  test('a malformed stored date is a programming error', () => {
    expect(() => topicPhase({ opensOn: '2026-02-30', closesOn: '2026-03-01' }, 0)).toThrow(RangeError)
  })
})

describe('validateTopicDates', () => {
  test('both dates required, real dates', () => {
    expect(validateTopicDates({})).toEqual({ opensOn: '请填写征集开始日期（年-月-日）', closesOn: '请填写征集截止日期（年-月-日）' })
    expect(validateTopicDates({ opensOn: '2026-02-30', closesOn: '2026-03-01' })).toEqual({ opensOn: '请填写征集开始日期（年-月-日）' })
  })
  test('close not before open; one day is fine', () => {
    expect(validateTopicDates({ opensOn: '2026-10-08', closesOn: '2026-10-07' })).toEqual({ closesOn: '征集截止日期不能早于开始日期' })
    expect(validateTopicDates({ opensOn: '2026-10-08', closesOn: '2026-10-08' })).toEqual({})
  })
  test('with today: a close date already past is refused', () => {
    expect(validateTopicDates(topic, '2026-10-21')).toEqual({ closesOn: '征集截止日期已经过去，请重新选择' })
    expect(validateTopicDates(topic, '2026-10-20')).toEqual({})
  })
})

test('the six categories of issue 14 with zh/en labels, in order', () => {
  expect(TOPIC_CATEGORIES.map((category) => TOPIC_CATEGORY_LABELS[category].zh)).toEqual(['市政设施', '交通出行', '城市治理', '环境卫生', '社区服务', '其他'])
  for (const category of TOPIC_CATEGORIES) expect(TOPIC_CATEGORY_LABELS[category].en).toMatch(/^[A-Z]/)
})
