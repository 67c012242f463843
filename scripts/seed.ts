import config from '@payload-config'
import { getPayload } from 'payload'
import { seedDemo } from '../src/seed/demo'

const payload = await getPayload({ config })
const seeded = await seedDemo(payload)
if (seeded) {
  payload.logger.warn('已创建演示账号（admin@ / leader@ / editor@ / editor2@demo.local，密码 demo-password）。这些是演示账号，正式使用前请删除或改密码，并设置 SEED_DEMO=false。')
} else {
  payload.logger.info('数据库中已有用户，跳过演示数据。')
}
await payload.destroy()
process.exit(0)
