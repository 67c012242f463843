import { LengthCounter as LengthCounter_b9da0f1993b8f6cd0e9b79b7e3bb2918 } from '../../../../src/admin/fields/LengthCounter'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BeijingDateCell as BeijingDateCell_23d043ebbc46276447e5ed1a5c0e2149 } from '../../../../src/admin/dates/BeijingDateCell'
import { BeijingDateField as BeijingDateField_e36a27a71b13ded94432a81ddbe7b2a0 } from '../../../../src/admin/dates/BeijingDateField'
import { UserNameCell as UserNameCell_a7625937be718e9f19efb180409bca45 } from '../../../../src/admin/users/UserName'
import { UserNameField as UserNameField_a7625937be718e9f19efb180409bca45 } from '../../../../src/admin/users/UserName'
import { ReviewActions as ReviewActions_890252d3afa47341d4a312f52bab4903 } from '../../../../src/admin/review/ReviewActions'
import { ItemFiguresField as ItemFiguresField_e29e03e214542eb3d6250ff890165e26 } from '../../../../src/admin/analytics/ItemFiguresField'
import { DocumentDates as DocumentDates_49c680ea99bef475323e8ce8dc532dfa } from '../../../../src/admin/dates/DocumentDates'
import { MatterPanel as MatterPanel_3aad09927f740deed2c0f59f8d7daaac } from '../../../../src/admin/appointments/MatterPanel'
import { CommentApproval as CommentApproval_37e1176eb3f9701b2336e634c74a5b80 } from '../../../../src/admin/ratings/CommentApproval'
import { RectificationPanel as RectificationPanel_905f0972e0c566d1cdad03802c7672da } from '../../../../src/admin/ratings/RectificationPanel'
import { TopicActions as TopicActions_c6e7ef451d91d31954181e849b8197b0 } from '../../../../src/admin/consultations/TopicActions'
import { ModerationPanel as ModerationPanel_4975a6c4b244f92b1d06eac590dd0029 } from '../../../../src/admin/consultations/ModerationPanel'
import { CurrentPasswordField as CurrentPasswordField_554bf9a93a39f6501b63189351b5bb70 } from '../../../../collections/users/CurrentPasswordField'
import { BindingCode as BindingCode_e069384c37776a533b8c56aa637faf38 } from '../../../../src/admin/binding/BindingCode'
import { AccountMenuLink as AccountMenuLink_bb42992b36a5723d57f857eab0d12411 } from '../../../../src/admin/wechat-accounts/AccountMenuLink'
import { SecretInput as SecretInput_87957e74e497149f8b5997d381250030 } from '../../../../src/admin/wechat-accounts/SecretInput'
import { SecretsSetCell as SecretsSetCell_d09cc84f5a3f36658f3a999fe5b231d0 } from '../../../../src/admin/wechat-accounts/SecretsSet'
import { SecretsSetField as SecretsSetField_d09cc84f5a3f36658f3a999fe5b231d0 } from '../../../../src/admin/wechat-accounts/SecretsSet'
import { BooleanCell as BooleanCell_9788ef78fa1c583aa340052007213ae9 } from '../../../../src/admin/fields/BooleanCell'
import { MenuActions as MenuActions_89f069e78ffb0885f672b0876a5f95d3 } from '../../../../src/admin/menu/MenuActions'
import { MenuRowLabel as MenuRowLabel_c3bb62e7c8ab43c69fa50d0611214060 } from '../../../../src/admin/menu/MenuRowLabel'
import { MenuPreview as MenuPreview_a586103e15b1d6ded521236c8c4681bb } from '../../../../src/admin/menu/MenuPreview'
import { PushFiguresField as PushFiguresField_eb0212d9470409cbe12efe8adb7e8796 } from '../../../../src/admin/push/PushFigures'
import { LocalJSONField as LocalJSONField_bbff5fac9335d82641d4b2878f63c2b2 } from '../../../../src/admin/code-editor/LocalCodeField'
import { ReplyBox as ReplyBox_f6ee7dc5c2d30e360aab4029c9dad070 } from '../../../../src/admin/inbox/ReplyBox'
import { MessageMedia as MessageMedia_1c8ff9f22a2e0c57d8131e7b54f2c9ee } from '../../../../src/admin/inbox/MessageMedia'
import { Conversation as Conversation_4edfcae0876426af9474ffaa23d377a1 } from '../../../../src/admin/inbox/Conversation'
import { TryAutoReply as TryAutoReply_55ab9335130027f973306b6b4b2e9438 } from '../../../../src/admin/auto-reply/TryAutoReply'
import { ReviewQueueNavLink as ReviewQueueNavLink_d922d1e58a26c5c7e4d1c131806b8142 } from '../../../../src/admin/review/ReviewQueueNavLink'
import { PushNavLinks as PushNavLinks_086b9e427259d1914dfc4739edcba31d } from '../../../../src/admin/push/PushNavLinks'
import { AppointmentsNavLinks as AppointmentsNavLinks_c55978303d96b14e872d85fbd84966bd } from '../../../../src/admin/appointments/AppointmentsNavLinks'
import { ConsultationsNavLink as ConsultationsNavLink_8d2fa0d88c3d95e4c37373fb2ba77166 } from '../../../../src/admin/consultations/ConsultationsNavLink'
import { RatingsNavLinks as RatingsNavLinks_c27baf11e4e0d199437b3cb2fbc3fcb5 } from '../../../../src/admin/ratings/RatingsNavLinks'
import { HealthNavLink as HealthNavLink_e32b1c3c608136252919289699c94f31 } from '../../../../src/admin/health/HealthNavLink'
import { AnalyticsNavLink as AnalyticsNavLink_f763dbd8d6406a510f061fb86f656d1b } from '../../../../src/admin/analytics/AnalyticsNavLink'
import { ReviewDashboard as ReviewDashboard_968022c17d1dcae37b2b6e902d7c82e6 } from '../../../../src/admin/review/ReviewDashboard'
import { ReviewQueueView as ReviewQueueView_014083ca37a411cf97464604a6b51580 } from '../../../../src/admin/review/ReviewQueueView'
import { ThisWeekView as ThisWeekView_188884e651f0d9e5589eac04853266d0 } from '../../../../src/admin/push/ThisWeekView'
import { PushCalendarView as PushCalendarView_fcc35f1ce73d32c092a599400c78d83f } from '../../../../src/admin/push/PushCalendarView'
import { MatrixView as MatrixView_b89e86e4ecb9434789570cc8ec1735f3 } from '../../../../src/admin/push/MatrixView'
import { AppointmentsTodayView as AppointmentsTodayView_b47741db170708ebd2d5cdf296a97aae } from '../../../../src/admin/appointments/TodayView'
import { MattersBoardView as MattersBoardView_e1c127bc914008c91e42384a4800a9ef } from '../../../../src/admin/appointments/MattersBoardView'
import { AppointmentsBookView as AppointmentsBookView_d77d99503d2c5882affa1435fa426b97 } from '../../../../src/admin/appointments/BookView'
import { ConsultationsBoardView as ConsultationsBoardView_145efed18e63549fff14a9f328cf7399 } from '../../../../src/admin/consultations/ConsultationsBoardView'
import { RatingsBoardView as RatingsBoardView_7e010ba0b987cb621ed572f75888f6f9 } from '../../../../src/admin/ratings/RatingsBoardView'
import { HealthView as HealthView_50220f5b1625386db58d835f8b1bf662 } from '../../../../src/admin/health/HealthView'
import { MonthlyReportView as MonthlyReportView_7cd61d835040693a5b094be162284e87 } from '../../../../src/admin/analytics/MonthlyReportView'
import { AnalyticsView as AnalyticsView_deb0ed311686bb446c16051fe09b6dc4 } from '../../../../src/admin/analytics/AnalyticsView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/src/admin/fields/LengthCounter#LengthCounter": LengthCounter_b9da0f1993b8f6cd0e9b79b7e3bb2918,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/src/admin/dates/BeijingDateCell#BeijingDateCell": BeijingDateCell_23d043ebbc46276447e5ed1a5c0e2149,
  "/src/admin/dates/BeijingDateField#BeijingDateField": BeijingDateField_e36a27a71b13ded94432a81ddbe7b2a0,
  "/src/admin/users/UserName#UserNameCell": UserNameCell_a7625937be718e9f19efb180409bca45,
  "/src/admin/users/UserName#UserNameField": UserNameField_a7625937be718e9f19efb180409bca45,
  "/src/admin/review/ReviewActions#ReviewActions": ReviewActions_890252d3afa47341d4a312f52bab4903,
  "/src/admin/analytics/ItemFiguresField#ItemFiguresField": ItemFiguresField_e29e03e214542eb3d6250ff890165e26,
  "/src/admin/dates/DocumentDates#DocumentDates": DocumentDates_49c680ea99bef475323e8ce8dc532dfa,
  "/src/admin/appointments/MatterPanel#MatterPanel": MatterPanel_3aad09927f740deed2c0f59f8d7daaac,
  "/src/admin/ratings/CommentApproval#CommentApproval": CommentApproval_37e1176eb3f9701b2336e634c74a5b80,
  "/src/admin/ratings/RectificationPanel#RectificationPanel": RectificationPanel_905f0972e0c566d1cdad03802c7672da,
  "/src/admin/consultations/TopicActions#TopicActions": TopicActions_c6e7ef451d91d31954181e849b8197b0,
  "/src/admin/consultations/ModerationPanel#ModerationPanel": ModerationPanel_4975a6c4b244f92b1d06eac590dd0029,
  "/collections/users/CurrentPasswordField#CurrentPasswordField": CurrentPasswordField_554bf9a93a39f6501b63189351b5bb70,
  "/src/admin/binding/BindingCode#BindingCode": BindingCode_e069384c37776a533b8c56aa637faf38,
  "/src/admin/wechat-accounts/AccountMenuLink#AccountMenuLink": AccountMenuLink_bb42992b36a5723d57f857eab0d12411,
  "/src/admin/wechat-accounts/SecretInput#SecretInput": SecretInput_87957e74e497149f8b5997d381250030,
  "/src/admin/wechat-accounts/SecretsSet#SecretsSetCell": SecretsSetCell_d09cc84f5a3f36658f3a999fe5b231d0,
  "/src/admin/wechat-accounts/SecretsSet#SecretsSetField": SecretsSetField_d09cc84f5a3f36658f3a999fe5b231d0,
  "/src/admin/fields/BooleanCell#BooleanCell": BooleanCell_9788ef78fa1c583aa340052007213ae9,
  "/src/admin/menu/MenuActions#MenuActions": MenuActions_89f069e78ffb0885f672b0876a5f95d3,
  "/src/admin/menu/MenuRowLabel#MenuRowLabel": MenuRowLabel_c3bb62e7c8ab43c69fa50d0611214060,
  "/src/admin/menu/MenuPreview#MenuPreview": MenuPreview_a586103e15b1d6ded521236c8c4681bb,
  "/src/admin/push/PushFigures#PushFiguresField": PushFiguresField_eb0212d9470409cbe12efe8adb7e8796,
  "/src/admin/code-editor/LocalCodeField#LocalJSONField": LocalJSONField_bbff5fac9335d82641d4b2878f63c2b2,
  "/src/admin/inbox/ReplyBox#ReplyBox": ReplyBox_f6ee7dc5c2d30e360aab4029c9dad070,
  "/src/admin/inbox/MessageMedia#MessageMedia": MessageMedia_1c8ff9f22a2e0c57d8131e7b54f2c9ee,
  "/src/admin/inbox/Conversation#Conversation": Conversation_4edfcae0876426af9474ffaa23d377a1,
  "/src/admin/auto-reply/TryAutoReply#TryAutoReply": TryAutoReply_55ab9335130027f973306b6b4b2e9438,
  "/src/admin/review/ReviewQueueNavLink#ReviewQueueNavLink": ReviewQueueNavLink_d922d1e58a26c5c7e4d1c131806b8142,
  "/src/admin/push/PushNavLinks#PushNavLinks": PushNavLinks_086b9e427259d1914dfc4739edcba31d,
  "/src/admin/appointments/AppointmentsNavLinks#AppointmentsNavLinks": AppointmentsNavLinks_c55978303d96b14e872d85fbd84966bd,
  "/src/admin/consultations/ConsultationsNavLink#ConsultationsNavLink": ConsultationsNavLink_8d2fa0d88c3d95e4c37373fb2ba77166,
  "/src/admin/ratings/RatingsNavLinks#RatingsNavLinks": RatingsNavLinks_c27baf11e4e0d199437b3cb2fbc3fcb5,
  "/src/admin/health/HealthNavLink#HealthNavLink": HealthNavLink_e32b1c3c608136252919289699c94f31,
  "/src/admin/analytics/AnalyticsNavLink#AnalyticsNavLink": AnalyticsNavLink_f763dbd8d6406a510f061fb86f656d1b,
  "/src/admin/review/ReviewDashboard#ReviewDashboard": ReviewDashboard_968022c17d1dcae37b2b6e902d7c82e6,
  "/src/admin/review/ReviewQueueView#ReviewQueueView": ReviewQueueView_014083ca37a411cf97464604a6b51580,
  "/src/admin/push/ThisWeekView#ThisWeekView": ThisWeekView_188884e651f0d9e5589eac04853266d0,
  "/src/admin/push/PushCalendarView#PushCalendarView": PushCalendarView_fcc35f1ce73d32c092a599400c78d83f,
  "/src/admin/push/MatrixView#MatrixView": MatrixView_b89e86e4ecb9434789570cc8ec1735f3,
  "/src/admin/appointments/TodayView#AppointmentsTodayView": AppointmentsTodayView_b47741db170708ebd2d5cdf296a97aae,
  "/src/admin/appointments/MattersBoardView#MattersBoardView": MattersBoardView_e1c127bc914008c91e42384a4800a9ef,
  "/src/admin/appointments/BookView#AppointmentsBookView": AppointmentsBookView_d77d99503d2c5882affa1435fa426b97,
  "/src/admin/consultations/ConsultationsBoardView#ConsultationsBoardView": ConsultationsBoardView_145efed18e63549fff14a9f328cf7399,
  "/src/admin/ratings/RatingsBoardView#RatingsBoardView": RatingsBoardView_7e010ba0b987cb621ed572f75888f6f9,
  "/src/admin/health/HealthView#HealthView": HealthView_50220f5b1625386db58d835f8b1bf662,
  "/src/admin/analytics/MonthlyReportView#MonthlyReportView": MonthlyReportView_7cd61d835040693a5b094be162284e87,
  "/src/admin/analytics/AnalyticsView#AnalyticsView": AnalyticsView_deb0ed311686bb446c16051fe09b6dc4,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
