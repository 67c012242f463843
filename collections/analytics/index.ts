export { AnalyticsDays } from './days'
export { AnalyticsArticles } from './articles'
export { AnalyticsSyncDays } from './sync-days'
