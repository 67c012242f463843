import * as migration_20261128_173830_initial from './20261128_173830_initial';
import * as migration_20261130_052347_week_as_lived from './20261130_052347_week_as_lived';
import * as migration_20261130_060026_sign_in_throttles from './20261130_060026_sign_in_throttles';
import * as migration_20261130_075901_security_queues_replays from './20261130_075901_security_queues_replays';
import * as migration_20261130_114105_service_guides_offices_documents from './20261130_114105_service_guides_offices_documents';
import * as migration_20261130_130114_appointments_and_resident_notices from './20261130_130114_appointments_and_resident_notices';
import * as migration_20261130_160556_consultations_and_ratings from './20261130_160556_consultations_and_ratings';
import * as migration_20261130_171652_review_fixes_rate_counters_estimated_deadlines from './20261130_171652_review_fixes_rate_counters_estimated_deadlines';
import * as migration_20261130_190906_health_backup_analytics from './20261130_190906_health_backup_analytics';
import * as migration_20261130_191750_account_matrix_push_calendar from './20261130_191750_account_matrix_push_calendar';
import * as migration_20261130_193807_per_account_bindings_community_entry from './20261130_193807_per_account_bindings_community_entry';
import * as migration_20261130_221604_per_account_menus from './20261130_221604_per_account_menus';
import * as migration_20261130_223358_health_clears_when_fixed from './20261130_223358_health_clears_when_fixed';

export const migrations = [
  {
    up: migration_20261128_173830_initial.up,
    down: migration_20261128_173830_initial.down,
    name: '20261128_173830_initial',
  },
  {
    up: migration_20261130_052347_week_as_lived.up,
    down: migration_20261130_052347_week_as_lived.down,
    name: '20261130_052347_week_as_lived',
  },
  {
    up: migration_20261130_060026_sign_in_throttles.up,
    down: migration_20261130_060026_sign_in_throttles.down,
    name: '20261130_060026_sign_in_throttles',
  },
  {
    up: migration_20261130_075901_security_queues_replays.up,
    down: migration_20261130_075901_security_queues_replays.down,
    name: '20261130_075901_security_queues_replays',
  },
  {
    up: migration_20261130_114105_service_guides_offices_documents.up,
    down: migration_20261130_114105_service_guides_offices_documents.down,
    name: '20261130_114105_service_guides_offices_documents',
  },
  {
    up: migration_20261130_130114_appointments_and_resident_notices.up,
    down: migration_20261130_130114_appointments_and_resident_notices.down,
    name: '20261130_130114_appointments_and_resident_notices',
  },
  {
    up: migration_20261130_160556_consultations_and_ratings.up,
    down: migration_20261130_160556_consultations_and_ratings.down,
    name: '20261130_160556_consultations_and_ratings',
  },
  {
    up: migration_20261130_171652_review_fixes_rate_counters_estimated_deadlines.up,
    down: migration_20261130_171652_review_fixes_rate_counters_estimated_deadlines.down,
    name: '20261130_171652_review_fixes_rate_counters_estimated_deadlines',
  },
  {
    up: migration_20261130_190906_health_backup_analytics.up,
    down: migration_20261130_190906_health_backup_analytics.down,
    name: '20261130_190906_health_backup_analytics',
  },
  {
    up: migration_20261130_191750_account_matrix_push_calendar.up,
    down: migration_20261130_191750_account_matrix_push_calendar.down,
    name: '20261130_191750_account_matrix_push_calendar',
  },
  {
    up: migration_20261130_193807_per_account_bindings_community_entry.up,
    down: migration_20261130_193807_per_account_bindings_community_entry.down,
    name: '20261130_193807_per_account_bindings_community_entry',
  },
  {
    up: migration_20261130_221604_per_account_menus.up,
    down: migration_20261130_221604_per_account_menus.down,
    name: '20261130_221604_per_account_menus',
  },
  {
    up: migration_20261130_223358_health_clears_when_fixed.up,
    down: migration_20261130_223358_health_clears_when_fixed.down,
    name: '20261130_223358_health_clears_when_fixed'
  },
];
