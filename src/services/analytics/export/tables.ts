/**
 * The export tables of 统计分析: each chart's figures as a table with Chinese column headers, for the
 * CSV and XLSX exports (`GET /api/analytics/export/<table>.csv|.xlsx`). Built from the overview only,
 * which holds counts, dates, titles and office/community names: no personal data can reach a file.
 */
import { percent } from '../report/aggregate'
import type { AnalyticsOverview } from '../report/overview'

export const EXPORT_TABLES = ['daily', 'articles', 'pushes', 'menu', 'services', 'content-types'] as const
export type ExportTable = (typeof EXPORT_TABLES)[number]

export const isExportTable = (value: unknown): value is ExportTable => typeof value === 'string' && (EXPORT_TABLES as readonly string[]).includes(value)

/** The file's (and sheet's) Chinese name per table. */
export const EXPORT_TABLE_TITLES: Record<ExportTable, string> = {
  daily: '逐日数据',
  articles: '单篇图文',
  pushes: '群发汇总',
  menu: '菜单使用',
  services: '办事服务',
  'content-types': '内容类型对比',
}

export type Cell = string | number | null

/** A table: Chinese headers and rows of counts, rates and texts. */
export interface Table {
  name: ExportTable
  title: string
  columns: string[]
  rows: Cell[][]
}

/** The table `name` of the overview. */
export function exportTable(name: ExportTable, overview: AnalyticsOverview): Table {
  const table = (columns: string[], rows: Cell[][]): Table => ({ name, title: EXPORT_TABLE_TITLES[name], columns, rows })
  switch (name) {
    case 'daily':
      return table(
        ['日期', '阅读人数', '阅读次数', '分享人数', '分享次数', '新关注', '取消关注', '净增关注', '累计关注'],
        overview.days.map((day) => [
          day.date,
          day.readUser,
          day.readCount,
          day.shareUser,
          day.shareCount,
          day.newUser,
          day.cancelUser,
          day.netUser,
          overview.followers.find((entry) => entry.date === day.date)?.cumulateUser ?? day.cumulateUser,
        ]),
      )
    case 'articles':
      return table(
        [
          '群发日期',
          '周次',
          '位置',
          '标题',
          '内容类型',
          '送达人数',
          '阅读人数',
          '阅读次数',
          '1天阅读',
          '3天阅读',
          '7天阅读',
          '分享人数',
          '分享次数',
          '阅读来源',
          '数据未最终确定',
        ],
        overview.pushes.flatMap((push) =>
          push.items.map((item) => [
            push.sentDate,
            push.week,
            item.index,
            item.title,
            overview.contentTypes.find((group) => group.key === item.contentType)?.label ?? '',
            push.targetUser,
            item.readUser,
            item.readCount,
            item.readUserDay1,
            item.readUserDay3,
            item.readUserDay7,
            item.shareUser,
            item.shareCount,
            item.sources.map((source) => `${source.label} ${source.user}`).join('；'),
            item.isDelay ? '是' : '否',
          ]),
        ),
      )
    case 'pushes':
      return table(
        ['群发日期', '周次', '条数', '送达人数', '阅读人数（合计）', '分享人数（合计）', '头条阅读率（%）'],
        overview.pushes.map((push) => [
          push.sentDate,
          push.week,
          push.items.length,
          push.targetUser,
          push.readUser,
          push.shareUser,
          percent(push.items[0]?.readUser ?? 0, push.targetUser),
        ]),
      )
    case 'menu':
      return table(
        ['周次', '菜单项', '菜单键 / 网址', '事件', '点击次数', '粉丝数', '每千粉丝点击'],
        overview.menu.weeks.map((row) => [row.week, row.name, row.key, row.event, row.clicks, row.followers, row.perThousand]),
      )
    case 'services':
      return table(
        ['周次', '科室', '预约', '微问政建议', '好差评', '满意评价', '满意率（%）'],
        overview.services.map((row) => [row.week, row.officeName, row.appointments, row.consultations, row.ratings, row.satisfied, row.satisfactionRate]),
      )
    case 'content-types':
      return table(
        ['分组', '名称', '篇数', '阅读人数', '分享人数', '篇均阅读', '分享率（%）'],
        [
          ...overview.contentTypes.map((group): Cell[] => [
            '内容类型',
            group.label,
            group.items,
            group.readUser,
            group.shareUser,
            group.averageReads,
            group.shareRate,
          ]),
          ...overview.communities.map((group): Cell[] => [
            '社区',
            group.label,
            group.items,
            group.readUser,
            group.shareUser,
            group.averageReads,
            group.shareRate,
          ]),
        ],
      )
  }
}
