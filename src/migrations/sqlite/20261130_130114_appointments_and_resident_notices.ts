import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`booking_rules_weekly\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`weekday\` text NOT NULL,
  	\`start\` text NOT NULL,
  	\`end\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`booking_rules\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`booking_rules_weekly_order_idx\` ON \`booking_rules_weekly\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`booking_rules_weekly_parent_id_idx\` ON \`booking_rules_weekly\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`booking_rules_closures\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`date\` text NOT NULL,
  	\`end_date\` text,
  	\`start\` text,
  	\`end\` text,
  	\`reason\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`booking_rules\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`booking_rules_closures_order_idx\` ON \`booking_rules_closures\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`booking_rules_closures_parent_id_idx\` ON \`booking_rules_closures\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`booking_rules\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`office_id\` text(36) NOT NULL,
  	\`guide_id\` text(36),
  	\`slot_minutes\` numeric DEFAULT 60,
  	\`capacity\` numeric DEFAULT 5 NOT NULL,
  	\`days_ahead\` numeric DEFAULT 5,
  	\`cutoff_minutes\` numeric DEFAULT 120,
  	\`makeup_day_pattern\` text DEFAULT '1',
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`office_id\`) REFERENCES \`offices\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`guide_id\`) REFERENCES \`service_guides\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`booking_rules_office_idx\` ON \`booking_rules\` (\`office_id\`);`)
  await db.run(sql`CREATE INDEX \`booking_rules_guide_idx\` ON \`booking_rules\` (\`guide_id\`);`)
  await db.run(sql`CREATE INDEX \`booking_rules_updated_at_idx\` ON \`booking_rules\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`booking_rules_created_at_idx\` ON \`booking_rules\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`appointments\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`booking_code\` text NOT NULL,
  	\`guide_id\` text(36) NOT NULL,
  	\`office_id\` text(36),
  	\`account_id\` text(36),
  	\`slot_key\` text NOT NULL,
  	\`slot_date\` text NOT NULL,
  	\`slot_start\` text NOT NULL,
  	\`slot_end\` text NOT NULL,
  	\`slot_starts_at\` text NOT NULL,
  	\`slot_ends_at\` text NOT NULL,
  	\`cutoff_minutes\` numeric,
  	\`status\` text DEFAULT 'booked' NOT NULL,
  	\`status_note\` text,
  	\`status_changed_at\` text,
  	\`expected_completion\` text,
  	\`closed_at\` text,
  	\`channel\` text DEFAULT 'online' NOT NULL,
  	\`booked_by_id\` text(36),
  	\`name_masked\` text,
  	\`mobile_masked\` text,
  	\`id_number_masked\` text,
  	\`personal_data_cleared_at\` text,
  	\`request_key\` text,
  	\`openid\` text,
  	\`name\` text,
  	\`mobile\` text,
  	\`id_number\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`guide_id\`) REFERENCES \`service_guides\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`office_id\`) REFERENCES \`offices\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`booked_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`appointments_booking_code_idx\` ON \`appointments\` (\`booking_code\`);`)
  await db.run(sql`CREATE INDEX \`appointments_guide_idx\` ON \`appointments\` (\`guide_id\`);`)
  await db.run(sql`CREATE INDEX \`appointments_office_idx\` ON \`appointments\` (\`office_id\`);`)
  await db.run(sql`CREATE INDEX \`appointments_account_idx\` ON \`appointments\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`appointments_slot_key_idx\` ON \`appointments\` (\`slot_key\`);`)
  await db.run(sql`CREATE INDEX \`appointments_slot_date_idx\` ON \`appointments\` (\`slot_date\`);`)
  await db.run(sql`CREATE INDEX \`appointments_slot_starts_at_idx\` ON \`appointments\` (\`slot_starts_at\`);`)
  await db.run(sql`CREATE INDEX \`appointments_status_idx\` ON \`appointments\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`appointments_status_changed_at_idx\` ON \`appointments\` (\`status_changed_at\`);`)
  await db.run(sql`CREATE INDEX \`appointments_expected_completion_idx\` ON \`appointments\` (\`expected_completion\`);`)
  await db.run(sql`CREATE INDEX \`appointments_closed_at_idx\` ON \`appointments\` (\`closed_at\`);`)
  await db.run(sql`CREATE INDEX \`appointments_booked_by_idx\` ON \`appointments\` (\`booked_by_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`appointments_request_key_idx\` ON \`appointments\` (\`request_key\`);`)
  await db.run(sql`CREATE INDEX \`appointments_openid_idx\` ON \`appointments\` (\`openid\`);`)
  await db.run(sql`CREATE INDEX \`appointments_updated_at_idx\` ON \`appointments\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`appointments_created_at_idx\` ON \`appointments\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`matter_steps\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`appointment_id\` text(36) NOT NULL,
  	\`office_id\` text(36),
  	\`action\` text NOT NULL,
  	\`from\` text,
  	\`to\` text NOT NULL,
  	\`note\` text,
  	\`expected_completion\` text,
  	\`calendar_warning\` text,
  	\`actor\` text NOT NULL,
  	\`by_id\` text(36),
  	\`at\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`appointment_id\`) REFERENCES \`appointments\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`office_id\`) REFERENCES \`offices\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`matter_steps_appointment_idx\` ON \`matter_steps\` (\`appointment_id\`);`)
  await db.run(sql`CREATE INDEX \`matter_steps_office_idx\` ON \`matter_steps\` (\`office_id\`);`)
  await db.run(sql`CREATE INDEX \`matter_steps_by_idx\` ON \`matter_steps\` (\`by_id\`);`)
  await db.run(sql`CREATE INDEX \`matter_steps_at_idx\` ON \`matter_steps\` (\`at\`);`)
  await db.run(sql`CREATE INDEX \`matter_steps_updated_at_idx\` ON \`matter_steps\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`matter_steps_created_at_idx\` ON \`matter_steps\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`slot_seats\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`date\` text NOT NULL,
  	\`taken\` numeric DEFAULT 0 NOT NULL,
  	\`capacity\` numeric NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`slot_seats_key_idx\` ON \`slot_seats\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`slot_seats_date_idx\` ON \`slot_seats\` (\`date\`);`)
  await db.run(sql`CREATE INDEX \`slot_seats_updated_at_idx\` ON \`slot_seats\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`slot_seats_created_at_idx\` ON \`slot_seats\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`users_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`offices_id\` text(36),
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`offices_id\`) REFERENCES \`offices\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_rels_order_idx\` ON \`users_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`users_rels_parent_idx\` ON \`users_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`users_rels_path_idx\` ON \`users_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`users_rels_offices_id_idx\` ON \`users_rels\` (\`offices_id\`);`)
  await db.run(sql`CREATE TABLE \`resident_notices\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`client_msg_id\` text NOT NULL,
  	\`account_id\` text(36),
  	\`kind\` text NOT NULL,
  	\`openid\` text NOT NULL,
  	\`openid_masked\` text,
  	\`related_collection\` text,
  	\`related_id\` text,
  	\`status\` text DEFAULT 'pending' NOT NULL,
  	\`reason\` text,
  	\`errcode\` numeric,
  	\`msgid\` text,
  	\`result_status\` text,
  	\`sent_at\` text,
  	\`result_at\` text,
  	\`attempts\` numeric DEFAULT 0,
  	\`retryable\` integer DEFAULT false,
  	\`template_id\` text,
  	\`url\` text,
  	\`data\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`resident_notices_client_msg_id_idx\` ON \`resident_notices\` (\`client_msg_id\`);`)
  await db.run(sql`CREATE INDEX \`resident_notices_account_idx\` ON \`resident_notices\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`resident_notices_related_id_idx\` ON \`resident_notices\` (\`related_id\`);`)
  await db.run(sql`CREATE INDEX \`resident_notices_status_idx\` ON \`resident_notices\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`resident_notices_updated_at_idx\` ON \`resident_notices\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`resident_notices_created_at_idx\` ON \`resident_notices\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`account_openid_1_idx\` ON \`resident_notices\` (\`account_id\`,\`openid\`);`)
  await db.run(sql`CREATE INDEX \`account_msgid_idx\` ON \`resident_notices\` (\`account_id\`,\`msgid\`);`)
  await db.run(sql`CREATE TABLE \`appointment_settings\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`no_show_max_no_shows\` numeric DEFAULT 2,
  	\`no_show_within_days\` numeric DEFAULT 30,
  	\`no_show_block_days\` numeric DEFAULT 30,
  	\`retention_days\` numeric DEFAULT 180,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`ALTER TABLE \`service_guides\` ADD \`booking_needs_id_number\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`offices\` ADD \`daily_list_sent_on\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`resident_templates_booked\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`resident_templates_reminder\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`resident_templates_accepted\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`resident_templates_needs_more\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`resident_templates_done\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`resident_templates_cancelled_by_staff\` text;`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`booking_rules_id\` text(36) REFERENCES booking_rules(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`appointments_id\` text(36) REFERENCES appointments(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`matter_steps_id\` text(36) REFERENCES matter_steps(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`slot_seats_id\` text(36) REFERENCES slot_seats(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`resident_notices_id\` text(36) REFERENCES resident_notices(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_booking_rules_id_idx\` ON \`payload_locked_documents_rels\` (\`booking_rules_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_appointments_id_idx\` ON \`payload_locked_documents_rels\` (\`appointments_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_matter_steps_id_idx\` ON \`payload_locked_documents_rels\` (\`matter_steps_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_slot_seats_id_idx\` ON \`payload_locked_documents_rels\` (\`slot_seats_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_resident_notices_id_idx\` ON \`payload_locked_documents_rels\` (\`resident_notices_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`booking_rules_weekly\`;`)
  await db.run(sql`DROP TABLE \`booking_rules_closures\`;`)
  await db.run(sql`DROP TABLE \`booking_rules\`;`)
  await db.run(sql`DROP TABLE \`appointments\`;`)
  await db.run(sql`DROP TABLE \`matter_steps\`;`)
  await db.run(sql`DROP TABLE \`slot_seats\`;`)
  await db.run(sql`DROP TABLE \`users_rels\`;`)
  await db.run(sql`DROP TABLE \`resident_notices\`;`)
  await db.run(sql`DROP TABLE \`appointment_settings\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`articles_id\` text(36),
  	\`policy_explainers_id\` text(36),
  	\`community_news_id\` text(36),
  	\`service_guides_id\` text(36),
  	\`media_id\` text(36),
  	\`documents_id\` text(36),
  	\`offices_id\` text(36),
  	\`communities_id\` text(36),
  	\`users_id\` text(36),
  	\`notifications_id\` text(36),
  	\`wechat_accounts_id\` text(36),
  	\`weekly_pushes_id\` text(36),
  	\`push_steps_id\` text(36),
  	\`pending_mass_results_id\` text(36),
  	\`wechat_tokens_id\` text(36),
  	\`wechat_uploads_id\` text(36),
  	\`wechat_inbound_id\` text(36),
  	\`resident_messages_id\` text(36),
  	\`resident_media_id\` text(36),
  	\`auto_replies_id\` text(36),
  	\`followers_id\` text(36),
  	\`menu_clicks_id\` text(36),
  	\`menu_click_log_id\` text(36),
  	\`binding_codes_id\` text(36),
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`articles_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`policy_explainers_id\`) REFERENCES \`policy_explainers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`community_news_id\`) REFERENCES \`community_news\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`service_guides_id\`) REFERENCES \`service_guides\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`documents_id\`) REFERENCES \`documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`offices_id\`) REFERENCES \`offices\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`communities_id\`) REFERENCES \`communities\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`notifications_id\`) REFERENCES \`notifications\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`wechat_accounts_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`weekly_pushes_id\`) REFERENCES \`weekly_pushes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`push_steps_id\`) REFERENCES \`push_steps\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`pending_mass_results_id\`) REFERENCES \`pending_mass_results\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`wechat_tokens_id\`) REFERENCES \`wechat_tokens\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`wechat_uploads_id\`) REFERENCES \`wechat_uploads\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`wechat_inbound_id\`) REFERENCES \`wechat_inbound\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`resident_messages_id\`) REFERENCES \`resident_messages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`resident_media_id\`) REFERENCES \`resident_media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`auto_replies_id\`) REFERENCES \`auto_replies\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`followers_id\`) REFERENCES \`followers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`menu_clicks_id\`) REFERENCES \`menu_clicks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`menu_click_log_id\`) REFERENCES \`menu_click_log\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`binding_codes_id\`) REFERENCES \`binding_codes\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "articles_id", "policy_explainers_id", "community_news_id", "service_guides_id", "media_id", "documents_id", "offices_id", "communities_id", "users_id", "notifications_id", "wechat_accounts_id", "weekly_pushes_id", "push_steps_id", "pending_mass_results_id", "wechat_tokens_id", "wechat_uploads_id", "wechat_inbound_id", "resident_messages_id", "resident_media_id", "auto_replies_id", "followers_id", "menu_clicks_id", "menu_click_log_id", "binding_codes_id") SELECT "id", "order", "parent_id", "path", "articles_id", "policy_explainers_id", "community_news_id", "service_guides_id", "media_id", "documents_id", "offices_id", "communities_id", "users_id", "notifications_id", "wechat_accounts_id", "weekly_pushes_id", "push_steps_id", "pending_mass_results_id", "wechat_tokens_id", "wechat_uploads_id", "wechat_inbound_id", "resident_messages_id", "resident_media_id", "auto_replies_id", "followers_id", "menu_clicks_id", "menu_click_log_id", "binding_codes_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_articles_id_idx\` ON \`payload_locked_documents_rels\` (\`articles_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_policy_explainers_id_idx\` ON \`payload_locked_documents_rels\` (\`policy_explainers_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_community_news_id_idx\` ON \`payload_locked_documents_rels\` (\`community_news_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_service_guides_id_idx\` ON \`payload_locked_documents_rels\` (\`service_guides_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_documents_id_idx\` ON \`payload_locked_documents_rels\` (\`documents_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_offices_id_idx\` ON \`payload_locked_documents_rels\` (\`offices_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_communities_id_idx\` ON \`payload_locked_documents_rels\` (\`communities_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_notifications_id_idx\` ON \`payload_locked_documents_rels\` (\`notifications_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_wechat_accounts_id_idx\` ON \`payload_locked_documents_rels\` (\`wechat_accounts_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_weekly_pushes_id_idx\` ON \`payload_locked_documents_rels\` (\`weekly_pushes_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_push_steps_id_idx\` ON \`payload_locked_documents_rels\` (\`push_steps_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_pending_mass_results_id_idx\` ON \`payload_locked_documents_rels\` (\`pending_mass_results_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_wechat_tokens_id_idx\` ON \`payload_locked_documents_rels\` (\`wechat_tokens_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_wechat_uploads_id_idx\` ON \`payload_locked_documents_rels\` (\`wechat_uploads_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_wechat_inbound_id_idx\` ON \`payload_locked_documents_rels\` (\`wechat_inbound_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_resident_messages_id_idx\` ON \`payload_locked_documents_rels\` (\`resident_messages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_resident_media_id_idx\` ON \`payload_locked_documents_rels\` (\`resident_media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_auto_replies_id_idx\` ON \`payload_locked_documents_rels\` (\`auto_replies_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_followers_id_idx\` ON \`payload_locked_documents_rels\` (\`followers_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_menu_clicks_id_idx\` ON \`payload_locked_documents_rels\` (\`menu_clicks_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_menu_click_log_id_idx\` ON \`payload_locked_documents_rels\` (\`menu_click_log_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_binding_codes_id_idx\` ON \`payload_locked_documents_rels\` (\`binding_codes_id\`);`)
  await db.run(sql`ALTER TABLE \`service_guides\` DROP COLUMN \`booking_needs_id_number\`;`)
  await db.run(sql`ALTER TABLE \`offices\` DROP COLUMN \`daily_list_sent_on\`;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`resident_templates_booked\`;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`resident_templates_reminder\`;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`resident_templates_accepted\`;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`resident_templates_needs_more\`;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`resident_templates_done\`;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`resident_templates_cancelled_by_staff\`;`)
}
