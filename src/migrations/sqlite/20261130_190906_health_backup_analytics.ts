import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`analytics_days\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`account_id\` text(36) NOT NULL,
  	\`date\` text NOT NULL,
  	\`new_user\` numeric,
  	\`cancel_user\` numeric,
  	\`net_user\` numeric,
  	\`new_user_by_source\` text,
  	\`cumulate_user\` numeric,
  	\`read_user\` numeric,
  	\`read_count\` numeric,
  	\`reads_by_source\` text,
  	\`share_user\` numeric,
  	\`share_count\` numeric,
  	\`fav_user\` numeric,
  	\`fav_count\` numeric,
  	\`synced_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`analytics_days_key_idx\` ON \`analytics_days\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`analytics_days_account_idx\` ON \`analytics_days\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`analytics_days_date_idx\` ON \`analytics_days\` (\`date\`);`)
  await db.run(sql`CREATE INDEX \`analytics_days_updated_at_idx\` ON \`analytics_days\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`analytics_days_created_at_idx\` ON \`analytics_days\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`analytics_articles\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`account_id\` text(36) NOT NULL,
  	\`msgid\` text NOT NULL,
  	\`msg_data_id\` text NOT NULL,
  	\`index\` numeric,
  	\`title\` text,
  	\`sent_date\` text,
  	\`target_user\` numeric,
  	\`read_user\` numeric,
  	\`read_count\` numeric,
  	\`ori_read_user\` numeric,
  	\`share_user\` numeric,
  	\`share_count\` numeric,
  	\`fav_user\` numeric,
  	\`fav_count\` numeric,
  	\`read_user_day1\` numeric,
  	\`read_user_day3\` numeric,
  	\`read_user_day7\` numeric,
  	\`reads_by_source\` text,
  	\`daily\` text,
  	\`stat_up_to\` text,
  	\`is_delay\` integer DEFAULT false,
  	\`weekly_push_id\` text(36),
  	\`content_type\` text,
  	\`community_id\` text(36),
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`weekly_push_id\`) REFERENCES \`weekly_pushes\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`community_id\`) REFERENCES \`communities\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`analytics_articles_key_idx\` ON \`analytics_articles\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`analytics_articles_account_idx\` ON \`analytics_articles\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`analytics_articles_msg_data_id_idx\` ON \`analytics_articles\` (\`msg_data_id\`);`)
  await db.run(sql`CREATE INDEX \`analytics_articles_sent_date_idx\` ON \`analytics_articles\` (\`sent_date\`);`)
  await db.run(sql`CREATE INDEX \`analytics_articles_weekly_push_idx\` ON \`analytics_articles\` (\`weekly_push_id\`);`)
  await db.run(sql`CREATE INDEX \`analytics_articles_content_type_idx\` ON \`analytics_articles\` (\`content_type\`);`)
  await db.run(sql`CREATE INDEX \`analytics_articles_community_idx\` ON \`analytics_articles\` (\`community_id\`);`)
  await db.run(sql`CREATE INDEX \`analytics_articles_updated_at_idx\` ON \`analytics_articles\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`analytics_articles_created_at_idx\` ON \`analytics_articles\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`analytics_articles_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`articles_id\` text(36),
  	\`policy_explainers_id\` text(36),
  	\`community_news_id\` text(36),
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`analytics_articles\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`articles_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`policy_explainers_id\`) REFERENCES \`policy_explainers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`community_news_id\`) REFERENCES \`community_news\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`analytics_articles_rels_order_idx\` ON \`analytics_articles_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`analytics_articles_rels_parent_idx\` ON \`analytics_articles_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`analytics_articles_rels_path_idx\` ON \`analytics_articles_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`analytics_articles_rels_articles_id_idx\` ON \`analytics_articles_rels\` (\`articles_id\`);`)
  await db.run(sql`CREATE INDEX \`analytics_articles_rels_policy_explainers_id_idx\` ON \`analytics_articles_rels\` (\`policy_explainers_id\`);`)
  await db.run(sql`CREATE INDEX \`analytics_articles_rels_community_news_id_idx\` ON \`analytics_articles_rels\` (\`community_news_id\`);`)
  await db.run(sql`CREATE TABLE \`analytics_sync_days\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`account_id\` text(36) NOT NULL,
  	\`date\` text NOT NULL,
  	\`endpoint\` text NOT NULL,
  	\`status\` text DEFAULT 'pending' NOT NULL,
  	\`errcode\` numeric,
  	\`errmsg\` text,
  	\`attempts\` numeric DEFAULT 0,
  	\`last_attempt_at\` text,
  	\`rows\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`analytics_sync_days_key_idx\` ON \`analytics_sync_days\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`analytics_sync_days_account_idx\` ON \`analytics_sync_days\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`analytics_sync_days_date_idx\` ON \`analytics_sync_days\` (\`date\`);`)
  await db.run(sql`CREATE INDEX \`analytics_sync_days_endpoint_idx\` ON \`analytics_sync_days\` (\`endpoint\`);`)
  await db.run(sql`CREATE INDEX \`analytics_sync_days_status_idx\` ON \`analytics_sync_days\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`analytics_sync_days_updated_at_idx\` ON \`analytics_sync_days\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`analytics_sync_days_created_at_idx\` ON \`analytics_sync_days\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`scheduler_heartbeats\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`process_id\` text NOT NULL,
  	\`hostname\` text,
  	\`pid\` numeric,
  	\`started_at\` text NOT NULL,
  	\`last_beat_at\` text NOT NULL,
  	\`jobs\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`scheduler_heartbeats_process_id_idx\` ON \`scheduler_heartbeats\` (\`process_id\`);`)
  await db.run(sql`CREATE INDEX \`scheduler_heartbeats_last_beat_at_idx\` ON \`scheduler_heartbeats\` (\`last_beat_at\`);`)
  await db.run(sql`CREATE INDEX \`scheduler_heartbeats_updated_at_idx\` ON \`scheduler_heartbeats\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`scheduler_heartbeats_created_at_idx\` ON \`scheduler_heartbeats\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`health_alerts\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`check_id\` text NOT NULL,
  	\`title\` text,
  	\`state\` text DEFAULT 'ok' NOT NULL,
  	\`red_since\` text,
  	\`notified_at\` text,
  	\`recovered_at\` text,
  	\`detail\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`health_alerts_check_id_idx\` ON \`health_alerts\` (\`check_id\`);`)
  await db.run(sql`CREATE INDEX \`health_alerts_state_idx\` ON \`health_alerts\` (\`state\`);`)
  await db.run(sql`CREATE INDEX \`health_alerts_updated_at_idx\` ON \`health_alerts\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`health_alerts_created_at_idx\` ON \`health_alerts\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`wechat_api_errors\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`account_id\` text(36),
  	\`at\` text NOT NULL,
  	\`endpoint\` text,
  	\`kind\` text,
  	\`errcode\` numeric,
  	\`meaning\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`wechat_api_errors_account_idx\` ON \`wechat_api_errors\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`wechat_api_errors_updated_at_idx\` ON \`wechat_api_errors\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`wechat_api_errors_created_at_idx\` ON \`wechat_api_errors\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`scheduled_runs\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`job\` text NOT NULL,
  	\`day\` text NOT NULL,
  	\`owner\` text,
  	\`outcome\` text,
  	\`started_at\` text,
  	\`finished_at\` text,
  	\`message\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`scheduled_runs_job_idx\` ON \`scheduled_runs\` (\`job\`);`)
  await db.run(sql`CREATE INDEX \`scheduled_runs_updated_at_idx\` ON \`scheduled_runs\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`scheduled_runs_created_at_idx\` ON \`scheduled_runs\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`analytics_days_id\` text(36) REFERENCES analytics_days(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`analytics_articles_id\` text(36) REFERENCES analytics_articles(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`analytics_sync_days_id\` text(36) REFERENCES analytics_sync_days(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`scheduler_heartbeats_id\` text(36) REFERENCES scheduler_heartbeats(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`health_alerts_id\` text(36) REFERENCES health_alerts(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`wechat_api_errors_id\` text(36) REFERENCES wechat_api_errors(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_analytics_days_id_idx\` ON \`payload_locked_documents_rels\` (\`analytics_days_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_analytics_articles_id_idx\` ON \`payload_locked_documents_rels\` (\`analytics_articles_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_analytics_sync_days_id_idx\` ON \`payload_locked_documents_rels\` (\`analytics_sync_days_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_scheduler_heartbeats_id_idx\` ON \`payload_locked_documents_rels\` (\`scheduler_heartbeats_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_health_alerts_id_idx\` ON \`payload_locked_documents_rels\` (\`health_alerts_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_wechat_api_errors_id_idx\` ON \`payload_locked_documents_rels\` (\`wechat_api_errors_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`analytics_days\`;`)
  await db.run(sql`DROP TABLE \`analytics_articles\`;`)
  await db.run(sql`DROP TABLE \`analytics_articles_rels\`;`)
  await db.run(sql`DROP TABLE \`analytics_sync_days\`;`)
  await db.run(sql`DROP TABLE \`scheduler_heartbeats\`;`)
  await db.run(sql`DROP TABLE \`health_alerts\`;`)
  await db.run(sql`DROP TABLE \`wechat_api_errors\`;`)
  await db.run(sql`DROP TABLE \`scheduled_runs\`;`)
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
  	\`booking_rules_id\` text(36),
  	\`appointments_id\` text(36),
  	\`matter_steps_id\` text(36),
  	\`slot_seats_id\` text(36),
  	\`ratings_id\` text(36),
  	\`rectifications_id\` text(36),
  	\`rectification_steps_id\` text(36),
  	\`consultation_topics_id\` text(36),
  	\`consultation_submissions_id\` text(36),
  	\`consultation_photos_id\` text(36),
  	\`consultation_rate_counters_id\` text(36),
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
  	\`resident_notices_id\` text(36),
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
  	FOREIGN KEY (\`booking_rules_id\`) REFERENCES \`booking_rules\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`appointments_id\`) REFERENCES \`appointments\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`matter_steps_id\`) REFERENCES \`matter_steps\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`slot_seats_id\`) REFERENCES \`slot_seats\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`ratings_id\`) REFERENCES \`ratings\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`rectifications_id\`) REFERENCES \`rectifications\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`rectification_steps_id\`) REFERENCES \`rectification_steps\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`consultation_topics_id\`) REFERENCES \`consultation_topics\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`consultation_submissions_id\`) REFERENCES \`consultation_submissions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`consultation_photos_id\`) REFERENCES \`consultation_photos\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`consultation_rate_counters_id\`) REFERENCES \`consultation_rate_counters\`(\`id\`) ON UPDATE no action ON DELETE cascade,
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
  	FOREIGN KEY (\`resident_notices_id\`) REFERENCES \`resident_notices\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`menu_clicks_id\`) REFERENCES \`menu_clicks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`menu_click_log_id\`) REFERENCES \`menu_click_log\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`binding_codes_id\`) REFERENCES \`binding_codes\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "articles_id", "policy_explainers_id", "community_news_id", "service_guides_id", "media_id", "documents_id", "offices_id", "booking_rules_id", "appointments_id", "matter_steps_id", "slot_seats_id", "ratings_id", "rectifications_id", "rectification_steps_id", "consultation_topics_id", "consultation_submissions_id", "consultation_photos_id", "consultation_rate_counters_id", "communities_id", "users_id", "notifications_id", "wechat_accounts_id", "weekly_pushes_id", "push_steps_id", "pending_mass_results_id", "wechat_tokens_id", "wechat_uploads_id", "wechat_inbound_id", "resident_messages_id", "resident_media_id", "auto_replies_id", "followers_id", "resident_notices_id", "menu_clicks_id", "menu_click_log_id", "binding_codes_id") SELECT "id", "order", "parent_id", "path", "articles_id", "policy_explainers_id", "community_news_id", "service_guides_id", "media_id", "documents_id", "offices_id", "booking_rules_id", "appointments_id", "matter_steps_id", "slot_seats_id", "ratings_id", "rectifications_id", "rectification_steps_id", "consultation_topics_id", "consultation_submissions_id", "consultation_photos_id", "consultation_rate_counters_id", "communities_id", "users_id", "notifications_id", "wechat_accounts_id", "weekly_pushes_id", "push_steps_id", "pending_mass_results_id", "wechat_tokens_id", "wechat_uploads_id", "wechat_inbound_id", "resident_messages_id", "resident_media_id", "auto_replies_id", "followers_id", "resident_notices_id", "menu_clicks_id", "menu_click_log_id", "binding_codes_id" FROM \`payload_locked_documents_rels\`;`)
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
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_booking_rules_id_idx\` ON \`payload_locked_documents_rels\` (\`booking_rules_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_appointments_id_idx\` ON \`payload_locked_documents_rels\` (\`appointments_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_matter_steps_id_idx\` ON \`payload_locked_documents_rels\` (\`matter_steps_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_slot_seats_id_idx\` ON \`payload_locked_documents_rels\` (\`slot_seats_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_ratings_id_idx\` ON \`payload_locked_documents_rels\` (\`ratings_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_rectifications_id_idx\` ON \`payload_locked_documents_rels\` (\`rectifications_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_rectification_steps_id_idx\` ON \`payload_locked_documents_rels\` (\`rectification_steps_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_consultation_topics_id_idx\` ON \`payload_locked_documents_rels\` (\`consultation_topics_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_consultation_submissions_i_idx\` ON \`payload_locked_documents_rels\` (\`consultation_submissions_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_consultation_photos_id_idx\` ON \`payload_locked_documents_rels\` (\`consultation_photos_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_consultation_rate_counters_idx\` ON \`payload_locked_documents_rels\` (\`consultation_rate_counters_id\`);`)
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
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_resident_notices_id_idx\` ON \`payload_locked_documents_rels\` (\`resident_notices_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_menu_clicks_id_idx\` ON \`payload_locked_documents_rels\` (\`menu_clicks_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_menu_click_log_id_idx\` ON \`payload_locked_documents_rels\` (\`menu_click_log_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_binding_codes_id_idx\` ON \`payload_locked_documents_rels\` (\`binding_codes_id\`);`)
}
