import { crc32 } from 'node:zlib'
import sharp from 'sharp'
import type { Payload } from 'payload'
import { REVIEW_TRANSITION_CONTEXT } from '../../src/services/review/hooks'
import { MAX_DOCUMENT_BYTES } from '../../src/services/guides/documents'
import { createFixtures, type Fixtures } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let t: TestPayload
let payload: Payload
let fx: Fixtures
beforeAll(async () => {
  t = await startTestPayload()
  payload = t.payload
  fx = await createFixtures(payload, 'd')
})
afterAll(async () => t?.close())

/** A ZIP of stored (uncompressed) entries: enough for an Office Open XML file as file-type reads it. */
function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text)
    const fileName = Buffer.from(name)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(fileName.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(fileName.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, fileName, data)
    centrals.push(central, fileName)
    offset += 30 + fileName.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(entries).length, 8)
  end.writeUInt16LE(Object.keys(entries).length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const officeXml = (main: string, part: string) =>
  storedZip({
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/${part}" ContentType="${main}"/></Types>`,
    [part]: '<?xml version="1.0"?><document/>',
  })
const DOCX = officeXml('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', 'word/document.xml')
const XLSX = officeXml('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'xl/workbook.xml')
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\nxref\n0 1\n0000000000 65535 f \ntrailer <<>>\nstartxref\n9\n%%EOF\n', 'latin1')
/** An OLE compound file (old Word and Excel): its signature and an empty sector. */
const CFB = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)])

async function upload(name: string, data: Buffer, mimetype = 'application/octet-stream') {
  return payload.create({
    collection: 'documents',
    user: fx.users.author,
    overrideAccess: false,
    data: { title: name },
    file: { data, name, mimetype, size: data.length },
  })
}

describe('forms and samples: types by content', () => {
  test('PDF, DOCX, XLSX, DOC, XLS, JPG and PNG are stored under the type their bytes are', async () => {
    const jpg = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#c00' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Artist: 'phone' } } })
      .toBuffer()
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#0c0' } })
      .png()
      .toBuffer()
    const cases: [string, Buffer, string, string][] = [
      ['表格.pdf', PDF, 'pdf', 'application/pdf'],
      ['登记表.docx', DOCX, 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['名册.xlsx', XLSX, 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['旧表格.doc', CFB, 'doc', 'application/msword'],
      ['旧名册.xls', CFB, 'xls', 'application/vnd.ms-excel'],
      ['样表.jpg', jpg, 'jpg', 'image/jpeg'],
      ['样表.png', png, 'png', 'image/png'],
      // The name does not decide: a PDF called .exe is stored as a PDF.
      ['form.exe', PDF, 'pdf', 'application/pdf'],
    ]
    for (const [name, data, ext, mime] of cases) {
      const doc = await upload(name, data)
      expect([name, doc.filename?.split('.').pop(), doc.mimeType]).toEqual([name, ext, mime])
      expect(doc.uploadedBy).toBeTruthy()
    }
    const stored = await upload('带拍摄信息.jpg', jpg)
    const meta = await sharp(`${t.directory}/documents/${stored.filename}`).metadata()
    expect(meta.exif).toBeUndefined()
  })

  test('anything else is refused with a Chinese message naming the accepted types', async () => {
    const refusals: [string, Buffer][] = [
      ['page.html', Buffer.from('<html><script>alert(1)</script></html>')],
      ['notes.txt', Buffer.from('纯文本')],
      ['slides.ppt', CFB],
      ['fake.pdf', Buffer.from('not a pdf at all')],
      ['archive.zip', storedZip({ 'a.txt': 'a' })],
    ]
    for (const [name, data] of refusals) {
      await expect(upload(name, data)).rejects.toThrow(/文件类型不支持：表格和样表只能是 PDF、DOC、DOCX、XLS、XLSX、JPG、PNG/)
    }
    await expect(upload('大文件.pdf', Buffer.concat([PDF, Buffer.alloc(MAX_DOCUMENT_BYTES)]))).rejects.toThrow(/文件过大：表格和样表不能超过 10 MB/)
    await expect(payload.create({ collection: 'documents', user: fx.users.author, overrideAccess: false, data: { title: '没有文件' } })).rejects.toThrow(
      /请选择要上传的文件/,
    )
  })
})

describe('who reads them', () => {
  test('residents read only the files of approved guides; staff read all', async () => {
    const approvedForm = await upload('已通过指南的表格.pdf', PDF)
    const draftForm = await upload('草稿指南的表格.pdf', PDF)
    const loose = await upload('未使用的表格.pdf', PDF)
    const guide = (state: string, form: string | number) =>
      payload.create({
        collection: 'service-guides',
        context: { [REVIEW_TRANSITION_CONTEXT]: true },
        data: { title: `指南 ${state}`, reviewStatus: state, materials: [{ name: '登记表', sample: form }] } as never,
      })
    await guide('approved', approvedForm.id)
    await guide('draft', draftForm.id)
    const residentSees = async (id: string | number) =>
      (await payload.find({ collection: 'documents', overrideAccess: false, where: { id: { equals: id } } })).totalDocs === 1
    expect(await residentSees(approvedForm.id)).toBe(true)
    expect(await residentSees(draftForm.id)).toBe(false)
    expect(await residentSees(loose.id)).toBe(false)
    const asResident = await payload.findByID({ collection: 'documents', id: approvedForm.id, overrideAccess: false })
    expect(asResident).not.toHaveProperty('uploadedBy')
    for (const actor of ['admin', 'leader', 'author', 'outsider'] as const) {
      const found = await payload.find({ collection: 'documents', user: fx.users[actor], overrideAccess: false, where: { id: { equals: loose.id } } })
      expect(found.totalDocs).toBe(1)
    }
    await expect(payload.delete({ collection: 'documents', id: loose.id, user: fx.users.author, overrideAccess: false })).rejects.toThrow()
    await expect(
      payload.create({
        collection: 'documents',
        overrideAccess: false,
        data: { title: '居民上传' },
        file: { data: PDF, name: 'x.pdf', mimetype: 'application/pdf', size: PDF.length },
      }),
    ).rejects.toThrow()
  })
})

describe('what residents download is what the leader approved', () => {
  test("the file of a document offered by a guide under review or approved is neither replaced nor deleted; a draft's is", async () => {
    const used = await upload('已通过的样表.pdf', PDF)
    const drafted = await upload('草稿的样表.pdf', PDF)
    for (const [state, form] of [
      ['approved', used.id],
      ['draft', drafted.id],
    ] as const) {
      await payload.create({
        collection: 'service-guides',
        context: { [REVIEW_TRANSITION_CONTEXT]: true },
        data: { title: `样表指南 ${state}`, reviewStatus: state, materials: [{ name: '登记表', blankForm: form }] } as never,
      })
    }
    const replace = (id: string | number) =>
      payload.update({
        collection: 'documents',
        id,
        user: fx.users.admin,
        overrideAccess: false,
        data: {},
        file: { data: DOCX, name: 'new.docx', mimetype: 'application/octet-stream', size: DOCX.length },
      })
    await expect(replace(used.id)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/《样表指南 approved》.*不能替换/) })
    await expect(payload.delete({ collection: 'documents', id: used.id, user: fx.users.admin, overrideAccess: false })).rejects.toThrow(/不能删除/)
    expect(
      (await payload.update({ collection: 'documents', id: used.id, user: fx.users.admin, overrideAccess: false, data: { title: '改个名字' } })).title,
    ).toBe('改个名字')
    expect((await replace(drafted.id)).filename).toMatch(/\.docx$/)
  })
})
