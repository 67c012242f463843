import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { en } from '@payloadcms/translations/languages/en'
import { zh } from '@payloadcms/translations/languages/zh'
import { buildConfig } from 'payload'
import sharp from 'sharp'
import { Articles } from '../collections/articles'
import { AutoReplies } from '../collections/auto-replies'
import { BindingAttempts } from '../collections/binding-attempts'
import { BindingCodes } from '../collections/binding-codes'
import { Communities } from '../collections/communities'
import { CommunityNews } from '../collections/community-news'
import { Documents } from '../collections/documents'
import { Followers } from '../collections/followers'
import { LoginThrottles } from '../collections/login-throttles'
import { ScheduledRuns } from '../collections/scheduled-runs'
import { Media } from '../collections/media'
import { MenuClickLog } from '../collections/menu-click-log'
import { MenuClicks } from '../collections/menu-clicks'
import { AnalyticsArticles, AnalyticsDays, AnalyticsSyncDays } from '../collections/analytics'
import { explainValidationErrors } from './shared/errors'
import { apiErrorEnvelope } from './http/api-error'
import { analyticsEndpoints } from './services/analytics/export/endpoints'
import { MAX_UPLOAD_BYTES, UPLOAD_TOO_LARGE_MESSAGE } from './services/media/check-upload'
import { Notifications } from '../collections/notifications'
import { ResidentNotices } from '../collections/resident-notices'
import { Offices } from '../collections/offices'
import { BookingRules } from '../collections/booking-rules'
import { Appointments } from '../collections/appointments'
import { MatterSteps } from '../collections/matter-steps'
import { SlotSeats } from '../collections/slot-seats'
import { AppointmentSettingsGlobal } from '../collections/appointment-settings'
import { Ratings } from '../collections/ratings'
import { Rectifications } from '../collections/rectifications'
import { RectificationSteps } from '../collections/rectification-steps'
import { RatingSettingsGlobal } from '../collections/rating-settings'
import { ConsultationTopics } from '../collections/consultations/topics'
import { ConsultationSubmissions } from '../collections/consultations/submissions'
import { ConsultationPhotos } from '../collections/consultations/photos'
import { ConsultationRateCounters } from '../collections/consultations/rate-counters'
import { ConsultationSettingsGlobal } from '../collections/consultations/settings'
import { PendingMassResults } from '../collections/pending-mass-results'
import { PolicyExplainers } from '../collections/policy-explainers'
import { PushSteps } from '../collections/push-steps'
import { ResidentMessages } from '../collections/resident-messages'
import { ResidentMedia } from '../collections/resident-media'
import { ServiceGuides } from '../collections/service-guides'
import { Users } from '../collections/users'
import { WeChatAccounts } from '../collections/wechat-accounts'
import { WeChatInbound } from '../collections/wechat-inbound'
import { WeChatMenus } from '../collections/wechat-menus'
import { WeChatTokens } from '../collections/wechat-tokens'
import { WeChatUploads } from '../collections/wechat-uploads'
import { WeeklyPushes } from '../collections/weekly-pushes'
import { HealthAlerts } from '../collections/health-alerts'
import { healthEndpoint } from '../collections/health-alerts/endpoint'
import { SchedulerHeartbeats } from '../collections/scheduler-heartbeats'
import { WeChatApiErrors } from '../collections/wechat-api-errors'
import { apiEndpoints } from './http/api-endpoints'
import { guardLockedDocuments } from './access/locked-documents'
import { withCollectionDefaults, withGlobalDefaults } from './admin/admin-defaults'
import { databaseAdapter } from './config/database'
import { emailAdapter } from './config/email'
import { allowedOrigins } from './http/origins'
import { PushSettingsGlobal } from '../collections/push-settings'
import { reviewMutation } from './services/review/graphql'
import { requireSecret } from './config/payload-secret'
import { DATE_TIME_FORMAT, TIME_ZONE } from './shared/time'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/** The admin's title suffix: every page's browser title ends with it (「统计分析 · 街道办微信服务号」). */
const TITLE_SUFFIX = ' · 街道办微信服务号'
/**
 * A custom view's browser title and link preview: Payload gives a custom view 「Payload」 unless its
 * `meta` names it (@payloadcms/next generateCustomViewMetadata); the suffix is added as on every page.
 */
const viewMeta = (title: string) => ({ title, openGraph: { title } })

// Payload adds the edit-lock collection while sanitizing; its access rules are set on the result.
export default buildConfig({
  secret: requireSecret(),
  serverURL: process.env.PUBLIC_URL ?? '',
  // Explicit lists (src/http/origins.ts): never empty, so Payload always checks a cookie's Origin.
  csrf: allowedOrigins(),
  cors: allowedOrigins(),
  admin: {
    user: Users.slug,
    meta: { titleSuffix: TITLE_SUFFIX },
    importMap: { baseDir: path.resolve(dirname, '..') },
    // Payload's default avatar is fetched from Gravatar: blocked in mainland China, absent offline.
    avatar: 'default',
    dateFormat: DATE_TIME_FORMAT,
    timezones: {
      defaultTimezone: TIME_ZONE,
      supportedTimezones: [{ label: '北京时间 (Asia/Shanghai)', value: TIME_ZONE }],
    },
    components: {
      beforeDashboard: ['/src/admin/review/ReviewDashboard#ReviewDashboard'],
      afterNavLinks: [
        '/src/admin/review/ReviewQueueNavLink#ReviewQueueNavLink',
        '/src/admin/push/PushNavLinks#PushNavLinks',
        '/src/admin/appointments/AppointmentsNavLinks#AppointmentsNavLinks',
        '/src/admin/consultations/ConsultationsNavLink#ConsultationsNavLink',
        '/src/admin/ratings/RatingsNavLinks#RatingsNavLinks',
        '/src/admin/health/HealthNavLink#HealthNavLink',
        '/src/admin/analytics/AnalyticsNavLink#AnalyticsNavLink',
      ],
      views: {
        reviewQueue: { Component: '/src/admin/review/ReviewQueueView#ReviewQueueView', path: '/review-queue', meta: viewMeta('稿件审核') },
        thisWeek: { Component: '/src/admin/push/ThisWeekView#ThisWeekView', path: '/this-week', meta: viewMeta('本周推送') },
        pushCalendar: { Component: '/src/admin/push/PushCalendarView#PushCalendarView', path: '/push-calendar', meta: viewMeta('推送日历') },
        matrix: { Component: '/src/admin/push/MatrixView#MatrixView', path: '/matrix', meta: viewMeta('账号矩阵') },
        appointmentsToday: { Component: '/src/admin/appointments/TodayView#AppointmentsTodayView', path: '/appointments-today', meta: viewMeta('今日预约') },
        mattersBoard: { Component: '/src/admin/appointments/MattersBoardView#MattersBoardView', path: '/matters-board', meta: viewMeta('办件看板') },
        appointmentsBook: { Component: '/src/admin/appointments/BookView#AppointmentsBookView', path: '/appointments-book', meta: viewMeta('代约') },
        consultationsBoard: {
          Component: '/src/admin/consultations/ConsultationsBoardView#ConsultationsBoardView',
          path: '/consultations-board',
          meta: viewMeta('微问政看板'),
        },
        ratingsBoard: { Component: '/src/admin/ratings/RatingsBoardView#RatingsBoardView', path: '/ratings-board', meta: viewMeta('好差评看板') },
        health: { Component: '/src/admin/health/HealthView#HealthView', path: '/health', meta: viewMeta('运行状态') },
        // Custom views match by prefix unless exact: the report's path would otherwise open the dashboard.
        analyticsReport: {
          Component: '/src/admin/analytics/MonthlyReportView#MonthlyReportView',
          path: '/analytics/report/:month',
          meta: viewMeta('统计月报'),
        },
        analytics: { Component: '/src/admin/analytics/AnalyticsView#AnalyticsView', path: '/analytics', exact: true, meta: viewMeta('统计分析') },
      },
    },
  },
  i18n: {
    supportedLanguages: { zh, en },
    fallbackLanguage: 'zh',
  },
  // Navigation per role, the API tab, Beijing-time dates and the local code editor: src/admin/admin-defaults.ts.
  collections: [
    Articles,
    PolicyExplainers,
    CommunityNews,
    ServiceGuides,
    Media,
    Documents,
    Offices,
    BookingRules,
    Appointments,
    MatterSteps,
    SlotSeats,
    Ratings,
    Rectifications,
    RectificationSteps,
    ConsultationTopics,
    ConsultationSubmissions,
    ConsultationPhotos,
    ConsultationRateCounters,
    Communities,
    Users,
    Notifications,
    WeChatAccounts,
    WeChatMenus,
    WeeklyPushes,
    PushSteps,
    PendingMassResults,
    WeChatTokens,
    WeChatUploads,
    WeChatInbound,
    ResidentMessages,
    ResidentMedia,
    AutoReplies,
    Followers,
    ResidentNotices,
    MenuClicks,
    MenuClickLog,
    AnalyticsDays,
    AnalyticsArticles,
    AnalyticsSyncDays,
    BindingCodes,
    BindingAttempts,
    LoginThrottles,
    SchedulerHeartbeats,
    HealthAlerts,
    WeChatApiErrors,
    ScheduledRuns,
  ].map(withCollectionDefaults),
  globals: [PushSettingsGlobal, AppointmentSettingsGlobal, RatingSettingsGlobal, ConsultationSettingsGlobal].map(withGlobalDefaults),
  // GET /api/health: the 运行状态 for monitors (statuses only) and admins (with details); 统计分析:
  // /api/analytics/overview and the exports (src/services/analytics/export/endpoints.ts).
  endpoints: apiEndpoints([healthEndpoint, ...analyticsEndpoints]),
  editor: lexicalEditor(),
  db: databaseAdapter(),
  email: emailAdapter,
  sharp,
  // Save errors carry their reasons (not only the field labels) to the admin's toast and to REST.
  hooks: { afterError: [explainValidationErrors, apiErrorEnvelope] },
  // Over the limit the parser stops keeping the file but reads the request to its end (answering early
  // resets the browser's connection mid-upload); src/services/media/check-upload.ts refuses the truncated file.
  upload: { limits: { fileSize: MAX_UPLOAD_BYTES }, abortOnLimit: false, responseOnLimit: UPLOAD_TOO_LARGE_MESSAGE },
  graphQL: {
    mutations: (GraphQL) => reviewMutation(GraphQL),
    disablePlaygroundInProduction: true,
  },
  // Types come from the configs as written; generated types would tie every edit to a regeneration step.
  typescript: { autoGenerate: false, outputFile: path.resolve(dirname, 'payload-types.ts') },
  telemetry: false,
}).then(guardLockedDocuments)
