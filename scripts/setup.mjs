// `npm run setup [-- --build]`: what `npm start` does before it serves, without serving — the
// migrations, the default WeChat account from .env (and the demo seed only where SEED_DEMO allows it:
// set SEED_DEMO=false in production) — for installations that run each process as its own service
// (deploy/: systemd) and for deploy/upgrade.sh. `--build` also builds the admin when it is stale.
import { prepareDemo } from './demo.mjs'
import { runMain } from './env.mjs'

await runMain(async () => {
  await prepareDemo({ build: process.argv.includes('--build') })
  console.log('✓ 数据库迁移与公众号准备完成：可以启动服务（npm run serve / callback / worker，或 systemctl start street-cms.target）')
})
