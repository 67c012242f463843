import { startTestPayload, type TestPayload } from './helpers/payload'

let t: TestPayload
beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => t?.close())

test('creates a community', async () => {
  const c = await t.payload.create({ collection: 'communities', data: { name: '西关社区', code: 'xiguan' } })
  expect(typeof c.id).toBe('string')
})
