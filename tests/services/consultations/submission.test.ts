import { contactFor, MAX_PHOTO_BYTES, submissionFingerprint, validateSubmission } from '../../../src/services/consultations/submission'

const MB = 1024 * 1024
const photo = (format: string, bytes = MB) => ({ format, bytes })

describe('validateSubmission: text', () => {
  test('required after trimming', () => {
    expect(validateSubmission({ text: '  \n ' })).toEqual({ ok: false, problems: { text: '请填写您的建议' } })
    expect(validateSubmission({})).toEqual({ ok: false, problems: { text: '请填写您的建议' } })
  })
  test('1000 characters counted as people count them (a 4-byte character is one)', () => {
    const rare = '𠀀' // U+20000: two UTF-16 units, one character
    const ok = validateSubmission({ text: `  ${rare.repeat(1000)}  ` })
    expect(ok.ok && ok.value.text).toBe(rare.repeat(1000))
    expect(validateSubmission({ text: rare.repeat(1001) })).toEqual({ ok: false, problems: { text: '建议不能超过 1000 个字，现在是 1001 个字' } })
  })
})

describe('validateSubmission: photos', () => {
  test('jpeg, png, heic, heif and webp by sniffed format (any case), up to 6', () => {
    const result = validateSubmission({ text: '路灯坏了', photos: [photo('jpeg'), photo('PNG'), photo('heic'), photo('heif'), photo('webp'), photo('jpeg')] })
    expect(result.ok && result.value.photos.map((p) => p.format)).toEqual(['jpeg', 'png', 'heic', 'heif', 'webp', 'jpeg'])
  })
  test('a seventh photo is refused', () => {
    expect(validateSubmission({ text: '路灯坏了', photos: Array.from({ length: 7 }, () => photo('jpeg')) })).toEqual({
      ok: false,
      problems: { photos: '最多上传 6 张照片，现在是 7 张' },
    })
  })
  test('gif refused with its own message, other formats named by position', () => {
    expect(validateSubmission({ text: 'x', photos: [photo('jpeg'), photo('gif')] })).toEqual({
      ok: false,
      problems: { photos: '第 2 张是 GIF 动图，请上传照片（JPG、PNG、HEIC 或 WebP）' },
    })
    expect(validateSubmission({ text: 'x', photos: [photo('bmp')] })).toEqual({
      ok: false,
      problems: { photos: '第 1 张不是支持的图片格式，请上传 JPG、PNG、HEIC 或 WebP 照片' },
    })
  })
  test('10 MB each: exactly 10 MB passes, one byte more does not; empty refused', () => {
    expect(validateSubmission({ text: 'x', photos: [photo('png', MAX_PHOTO_BYTES)] }).ok).toBe(true)
    expect(validateSubmission({ text: 'x', photos: [photo('png'), photo('png', 10 * MB + 1)] })).toEqual({
      ok: false,
      problems: { photos: '第 2 张照片超过 10 MB，请压缩后再上传' },
    })
    expect(validateSubmission({ text: 'x', photos: [photo('png', 0)] })).toEqual({ ok: false, problems: { photos: '第 1 张照片是空文件，请重新选择' } })
  })
})

describe('validateSubmission: name and phone', () => {
  test('optional: absent or blank is null', () => {
    const result = validateSubmission({ text: 'x', name: '  ', phone: null })
    expect(result).toEqual({ ok: true, value: { text: 'x', photos: [], name: null, phone: null } })
  })
  test('reuses the appointments rules (normalized)', () => {
    const result = validateSubmission({ text: 'x', name: '张 三', phone: '+86 138-0013-8000' })
    expect(result.ok && result.value).toMatchObject({ name: '张三', phone: '13800138000' })
  })
  test('a landline is refused, saying why; every bad field reported at once', () => {
    const result = validateSubmission({ text: '', name: 'A', phone: '029-88881234' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(Object.keys(result.problems).sort()).toEqual(['name', 'phone', 'text'])
    expect(result.problems.phone).toContain('不接受固定电话')
    expect(result.problems.name).toBe('姓名应为 2–20 个字，现在是 1 个字')
  })
})

test('contact masked for staff outside the handling office, full inside', () => {
  const contact = { name: '欧阳修', phone: '13812341234' }
  expect(contactFor(contact, false)).toEqual({ name: '欧**', phone: '138****1234' })
  expect(contactFor(contact, true)).toEqual(contact)
  expect(contactFor({ name: null, phone: null }, false)).toEqual({ name: null, phone: null })
})

describe('submissionFingerprint', () => {
  const base = submissionFingerprint('oABC', 7, '小树林晚上太吵')
  test('stable sha256 hex; the same text re-posted (spacing, topic id as string) is the same', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/)
    expect(submissionFingerprint('oABC', '7', '  小树林晚上太吵\n')).toBe(base)
    expect(submissionFingerprint('oABC', 7, 'a  b\n c')).toBe(submissionFingerprint('oABC', 7, 'a b c'))
  })
  test('another resident, topic or text differs; parts cannot run into each other', () => {
    expect(submissionFingerprint('oABD', 7, '小树林晚上太吵')).not.toBe(base)
    expect(submissionFingerprint('oABC', 8, '小树林晚上太吵')).not.toBe(base)
    expect(submissionFingerprint('oABC', 7, '小树林晚上很吵')).not.toBe(base)
    expect(submissionFingerprint('oAB', 'C7', 'x')).not.toBe(submissionFingerprint('oABC', 7, 'x'))
  })
  test('empty openid or topic is a programming error', () => {
    expect(() => submissionFingerprint('', 7, 'x')).toThrow(RangeError)
  })
})
