import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`users_wechat_bindings\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`account_id\` text(36) NOT NULL,
  	\`openid\` text NOT NULL,
  	\`bound_at\` text,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_wechat_bindings_order_idx\` ON \`users_wechat_bindings\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`users_wechat_bindings_parent_id_idx\` ON \`users_wechat_bindings\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`users_wechat_bindings_account_idx\` ON \`users_wechat_bindings\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`users_wechat_bindings_openid_idx\` ON \`users_wechat_bindings\` (\`openid\`);`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`intro\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`follow_url\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`qr_code_id\` text(36) REFERENCES media(id);`)
  await db.run(sql`CREATE INDEX \`wechat_accounts_qr_code_idx\` ON \`wechat_accounts\` (\`qr_code_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`users_wechat_bindings\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_wechat_accounts\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`app_id\` text NOT NULL,
  	\`original_id\` text,
  	\`type\` text DEFAULT 'service',
  	\`community_id\` text(36),
  	\`app_secret\` text,
  	\`token\` text,
  	\`encoding_a_e_s_key\` text,
  	\`previous_encoding_a_e_s_key\` text,
  	\`secrets_set\` text,
  	\`message_mode\` text DEFAULT 'safe',
  	\`mass_send_protection\` integer,
  	\`is_default\` integer,
  	\`push_enabled\` integer DEFAULT true,
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
  	\`push_settings_use_street_defaults\` integer DEFAULT true,
  	\`push_settings_assemble_weekday\` text DEFAULT '3',
  	\`push_settings_assemble_time\` text DEFAULT '10:00',
  	\`push_settings_send_weekday\` text DEFAULT '4',
  	\`push_settings_send_time\` text DEFAULT '18:00',
  	\`push_settings_retry_weekday\` text DEFAULT '5',
  	\`push_settings_retry_time\` text DEFAULT '18:00',
  	\`push_settings_min_items\` numeric DEFAULT 5,
  	\`push_settings_max_items\` numeric DEFAULT 6,
  	\`push_settings_max_per_community\` numeric DEFAULT 3,
  	\`push_settings_quota_policy\` text DEFAULT 'skip',
  	\`push_settings_holiday_rule\` text DEFAULT 'before',
  	\`push_settings_approval_is_sign_off\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`community_id\`) REFERENCES \`communities\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_wechat_accounts\`("id", "name", "app_id", "original_id", "type", "community_id", "app_secret", "token", "encoding_a_e_s_key", "previous_encoding_a_e_s_key", "secrets_set", "message_mode", "mass_send_protection", "is_default", "push_enabled", "mode_mismatch_last_seen_at", "mode_mismatch_mode_seen", "mode_mismatch_configured_mode", "mode_mismatch_count", "resident_templates_booked", "resident_templates_reminder", "resident_templates_accepted", "resident_templates_needs_more", "resident_templates_done", "resident_templates_cancelled_by_staff", "resident_templates_outcome_published", "staff_templates_new_suggestion", "push_settings_use_street_defaults", "push_settings_assemble_weekday", "push_settings_assemble_time", "push_settings_send_weekday", "push_settings_send_time", "push_settings_retry_weekday", "push_settings_retry_time", "push_settings_min_items", "push_settings_max_items", "push_settings_max_per_community", "push_settings_quota_policy", "push_settings_holiday_rule", "push_settings_approval_is_sign_off", "updated_at", "created_at") SELECT "id", "name", "app_id", "original_id", "type", "community_id", "app_secret", "token", "encoding_a_e_s_key", "previous_encoding_a_e_s_key", "secrets_set", "message_mode", "mass_send_protection", "is_default", "push_enabled", "mode_mismatch_last_seen_at", "mode_mismatch_mode_seen", "mode_mismatch_configured_mode", "mode_mismatch_count", "resident_templates_booked", "resident_templates_reminder", "resident_templates_accepted", "resident_templates_needs_more", "resident_templates_done", "resident_templates_cancelled_by_staff", "resident_templates_outcome_published", "staff_templates_new_suggestion", "push_settings_use_street_defaults", "push_settings_assemble_weekday", "push_settings_assemble_time", "push_settings_send_weekday", "push_settings_send_time", "push_settings_retry_weekday", "push_settings_retry_time", "push_settings_min_items", "push_settings_max_items", "push_settings_max_per_community", "push_settings_quota_policy", "push_settings_holiday_rule", "push_settings_approval_is_sign_off", "updated_at", "created_at" FROM \`wechat_accounts\`;`)
  await db.run(sql`DROP TABLE \`wechat_accounts\`;`)
  await db.run(sql`ALTER TABLE \`__new_wechat_accounts\` RENAME TO \`wechat_accounts\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE UNIQUE INDEX \`wechat_accounts_app_id_idx\` ON \`wechat_accounts\` (\`app_id\`);`)
  await db.run(sql`CREATE INDEX \`wechat_accounts_community_idx\` ON \`wechat_accounts\` (\`community_id\`);`)
  await db.run(sql`CREATE INDEX \`wechat_accounts_updated_at_idx\` ON \`wechat_accounts\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`wechat_accounts_created_at_idx\` ON \`wechat_accounts\` (\`created_at\`);`)
}
