/** `npm run push -- <command> [options]`: the arguments, parsed without side effects. */
const COMMANDS = ['status', 'plan', 'preview', 'send'] as const
type Command = (typeof COMMANDS)[number]

export interface CliOptions {
  command: Command
  week?: string
  account?: string
  dryRun: boolean
  yes: boolean
}

export type ParsedArgs = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'error'; error: string }

export const USAGE = [
  '用法：npm run push -- <命令> [选项]',
  '',
  '命令：',
  '  status    本周推送：状态、内容与校验、本月群发额度',
  '  plan      未来 8 周的发送计划（含额度不足要跳过的周）',
  '  preview   把本周推送作为预览发给已绑定微信的领导',
  '  send      检查并群发本周推送（需要确认）',
  '',
  '选项：',
  '  --week 2026-W48        指定周次（默认本周，北京时间）',
  '  --account <id|appid>   指定公众号（默认：默认公众号）',
  '  --dry-run              只显示将要做什么，不调用微信',
  '  --yes                  不再询问确认（非交互环境发送时必须）',
  '',
  '退出码：0 完成/无事可做，2 用法错误，3 未就绪（校验/审定），4 微信失败/已跳过，5 结果未知/需要人工处理',
].join('\n')

const VALUE_FLAGS = { '--week': 'week', '--account': 'account' } as const

export function parseArgs(argv: readonly unknown[]): ParsedArgs {
  const args = argv.map(String)
  let command: Command | undefined
  const options: Omit<CliOptions, 'command'> = { dryRun: false, yes: false }
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]
    if (arg === '--') continue
    if (arg === '--help' || arg === '-h' || arg === 'help') return { kind: 'help' }
    if (arg === '--dry-run') options.dryRun = true
    else if (arg === '--yes' || arg === '-y') options.yes = true
    else if (arg.startsWith('--')) {
      const [flag, inline] = arg.split(/=(.*)/s, 2)
      const key = VALUE_FLAGS[flag as keyof typeof VALUE_FLAGS]
      if (!key) return { kind: 'error', error: `未知选项：${arg}` }
      const value = inline ?? args[++index]
      if (value === undefined || value === '' || value.startsWith('--')) return { kind: 'error', error: `${flag} 需要一个值` }
      options[key] = value
    } else if ((COMMANDS as readonly string[]).includes(arg)) {
      if (command) return { kind: 'error', error: `只能给一个命令（已有 ${command}，又给了 ${arg}）` }
      command = arg as Command
    } else {
      return { kind: 'error', error: `未知命令：${arg}` }
    }
  }
  if (!command) return { kind: 'error', error: '缺少命令：status、plan、preview 或 send' }
  return { kind: 'run', options: { command, ...options } }
}
