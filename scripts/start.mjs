// `npm start`: build if needed, apply migrations, seed the demo on an empty embedded database, serve.
import { demoServices, prepareDemo } from './demo.mjs'
import { callbackPort, publicUrlPortWarning, runMain, runTogether } from './env.mjs'

await runMain(async () => {
  const services = demoServices(await prepareDemo())
  console.log(`▶ 管理后台：http://localhost:${process.env.PORT || '3000'}/admin`)
  const portWarning = publicUrlPortWarning()
  if (portWarning) console.warn(portWarning)
  console.log(`▶ 微信回调：http://localhost:${callbackPort()}/api/wechat/callback/<公众号 ID>（后台端口上的同一路径也可用）`)
  console.log('▶ 另开一个终端可运行 npm run push -- status 等命令（见 README「命令行」），它们使用同一个数据库和微信接口')
  await runTogether(services)
})
