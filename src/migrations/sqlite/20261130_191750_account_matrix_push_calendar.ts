import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`community_id\` text(36) REFERENCES communities(id);`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`push_enabled\` integer DEFAULT true;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`push_settings_use_street_defaults\` integer DEFAULT true;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`push_settings_assemble_weekday\` text DEFAULT '3';`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`push_settings_assemble_time\` text DEFAULT '10:00';`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`push_settings_send_weekday\` text DEFAULT '4';`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`push_settings_send_time\` text DEFAULT '18:00';`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`push_settings_retry_weekday\` text DEFAULT '5';`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`push_settings_retry_time\` text DEFAULT '18:00';`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`push_settings_min_items\` numeric DEFAULT 5;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`push_settings_max_items\` numeric DEFAULT 6;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`push_settings_max_per_community\` numeric DEFAULT 3;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`push_settings_quota_policy\` text DEFAULT 'skip';`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`push_settings_holiday_rule\` text DEFAULT 'before';`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`push_settings_approval_is_sign_off\` integer DEFAULT false;`)
  await db.run(sql`CREATE INDEX \`wechat_accounts_community_idx\` ON \`wechat_accounts\` (\`community_id\`);`)
  await db.run(sql`ALTER TABLE \`weekly_pushes\` ADD \`send_date\` text;`)
  await db.run(sql`ALTER TABLE \`push_settings\` ADD \`holiday_rule\` text DEFAULT 'before';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_wechat_accounts\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`app_id\` text NOT NULL,
  	\`original_id\` text,
  	\`type\` text DEFAULT 'service',
  	\`app_secret\` text,
  	\`token\` text,
  	\`encoding_a_e_s_key\` text,
  	\`previous_encoding_a_e_s_key\` text,
  	\`secrets_set\` text,
  	\`message_mode\` text DEFAULT 'safe',
  	\`mass_send_protection\` integer,
  	\`is_default\` integer,
  	\`mode_mismatch_last_seen_at\` text,
  	\`mode_mismatch_mode_seen\` text,
  	\`mode_mismatch_configured_mode\` text,
  	\`mode_mismatch_count\` numeric,
  	\`resident_templates_booked\` text,
  	\`resident_templates_reminder\` text,
  	\`resident_templates_accepted\` text,
  	\`resident_templates_needs_more\` text,
  	\`resident_templates_done\` text,
  	\`resident_templates_cancelled_by_staff\` text,
  	\`resident_templates_outcome_published\` text,
  	\`staff_templates_new_suggestion\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`INSERT INTO \`__new_wechat_accounts\`("id", "name", "app_id", "original_id", "type", "app_secret", "token", "encoding_a_e_s_key", "previous_encoding_a_e_s_key", "secrets_set", "message_mode", "mass_send_protection", "is_default", "mode_mismatch_last_seen_at", "mode_mismatch_mode_seen", "mode_mismatch_configured_mode", "mode_mismatch_count", "resident_templates_booked", "resident_templates_reminder", "resident_templates_accepted", "resident_templates_needs_more", "resident_templates_done", "resident_templates_cancelled_by_staff", "resident_templates_outcome_published", "staff_templates_new_suggestion", "updated_at", "created_at") SELECT "id", "name", "app_id", "original_id", "type", "app_secret", "token", "encoding_a_e_s_key", "previous_encoding_a_e_s_key", "secrets_set", "message_mode", "mass_send_protection", "is_default", "mode_mismatch_last_seen_at", "mode_mismatch_mode_seen", "mode_mismatch_configured_mode", "mode_mismatch_count", "resident_templates_booked", "resident_templates_reminder", "resident_templates_accepted", "resident_templates_needs_more", "resident_templates_done", "resident_templates_cancelled_by_staff", "resident_templates_outcome_published", "staff_templates_new_suggestion", "updated_at", "created_at" FROM \`wechat_accounts\`;`)
  await db.run(sql`DROP TABLE \`wechat_accounts\`;`)
  await db.run(sql`ALTER TABLE \`__new_wechat_accounts\` RENAME TO \`wechat_accounts\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE UNIQUE INDEX \`wechat_accounts_app_id_idx\` ON \`wechat_accounts\` (\`app_id\`);`)
  await db.run(sql`CREATE INDEX \`wechat_accounts_updated_at_idx\` ON \`wechat_accounts\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`wechat_accounts_created_at_idx\` ON \`wechat_accounts\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`weekly_pushes\` DROP COLUMN \`send_date\`;`)
  await db.run(sql`ALTER TABLE \`push_settings\` DROP COLUMN \`holiday_rule\`;`)
}
