import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`wechat_menus_buttons_sub_buttons\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`type\` text DEFAULT 'click',
  	\`key\` text,
  	\`reply_text\` text,
  	\`url\` text,
  	\`appid\` text,
  	\`pagepath\` text,
  	\`article_id\` text,
  	\`media_id\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`wechat_menus_buttons\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`wechat_menus_buttons_sub_buttons_order_idx\` ON \`wechat_menus_buttons_sub_buttons\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`wechat_menus_buttons_sub_buttons_parent_id_idx\` ON \`wechat_menus_buttons_sub_buttons\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`wechat_menus_buttons\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`type\` text DEFAULT 'sub' NOT NULL,
  	\`key\` text,
  	\`reply_text\` text,
  	\`url\` text,
  	\`appid\` text,
  	\`pagepath\` text,
  	\`article_id\` text,
  	\`media_id\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`wechat_menus\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`wechat_menus_buttons_order_idx\` ON \`wechat_menus_buttons\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`wechat_menus_buttons_parent_id_idx\` ON \`wechat_menus_buttons\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`wechat_menus\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`account_id\` text(36) NOT NULL,
  	\`title\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`wechat_menus_account_idx\` ON \`wechat_menus\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`wechat_menus_updated_at_idx\` ON \`wechat_menus\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`wechat_menus_created_at_idx\` ON \`wechat_menus\` (\`created_at\`);`)
  // The one saved menu of the old global becomes the row of its account (the default account when it
  // named none), ids kept; a global never saved (no buttons) copies nothing: the start gives every
  // account without a row the defaults.
  await db.run(sql`INSERT INTO \`wechat_menus\` (\`id\`, \`account_id\`, \`title\`, \`updated_at\`, \`created_at\`)
    SELECT m.\`id\`, a.\`id\`, a.\`name\`, COALESCE(m.\`updated_at\`, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), COALESCE(m.\`created_at\`, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    FROM \`wechat_menu\` m
    JOIN \`wechat_accounts\` a ON a.\`id\` = COALESCE(m.\`account_id\`, (SELECT d.\`id\` FROM \`wechat_accounts\` d WHERE d.\`is_default\` = 1 ORDER BY d.\`created_at\` LIMIT 1))
    WHERE EXISTS (SELECT 1 FROM \`wechat_menu_buttons\` b WHERE b.\`_parent_id\` = m.\`id\`)
    LIMIT 1;`)
  await db.run(sql`INSERT INTO \`wechat_menus_buttons\` (\`_order\`, \`_parent_id\`, \`id\`, \`name\`, \`type\`, \`key\`, \`reply_text\`, \`url\`, \`appid\`, \`pagepath\`, \`article_id\`, \`media_id\`)
    SELECT \`_order\`, \`_parent_id\`, \`id\`, \`name\`, \`type\`, \`key\`, \`reply_text\`, \`url\`, \`appid\`, \`pagepath\`, \`article_id\`, \`media_id\`
    FROM \`wechat_menu_buttons\` WHERE \`_parent_id\` IN (SELECT \`id\` FROM \`wechat_menus\`);`)
  await db.run(sql`INSERT INTO \`wechat_menus_buttons_sub_buttons\` (\`_order\`, \`_parent_id\`, \`id\`, \`name\`, \`type\`, \`key\`, \`reply_text\`, \`url\`, \`appid\`, \`pagepath\`, \`article_id\`, \`media_id\`)
    SELECT \`_order\`, \`_parent_id\`, \`id\`, \`name\`, \`type\`, \`key\`, \`reply_text\`, \`url\`, \`appid\`, \`pagepath\`, \`article_id\`, \`media_id\`
    FROM \`wechat_menu_buttons_sub_buttons\` WHERE \`_parent_id\` IN (SELECT \`id\` FROM \`wechat_menus_buttons\`);`)
  await db.run(sql`DROP TABLE \`wechat_menu_buttons_sub_buttons\`;`)
  await db.run(sql`DROP TABLE \`wechat_menu_buttons\`;`)
  await db.run(sql`DROP TABLE \`wechat_menu\`;`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`wechat_menus_id\` text(36) REFERENCES wechat_menus(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_wechat_menus_id_idx\` ON \`payload_locked_documents_rels\` (\`wechat_menus_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`wechat_menu_buttons_sub_buttons\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`type\` text DEFAULT 'click',
  	\`key\` text,
  	\`reply_text\` text,
  	\`url\` text,
  	\`appid\` text,
  	\`pagepath\` text,
  	\`article_id\` text,
  	\`media_id\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`wechat_menu_buttons\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`wechat_menu_buttons_sub_buttons_order_idx\` ON \`wechat_menu_buttons_sub_buttons\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`wechat_menu_buttons_sub_buttons_parent_id_idx\` ON \`wechat_menu_buttons_sub_buttons\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`wechat_menu_buttons\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`type\` text DEFAULT 'sub' NOT NULL,
  	\`key\` text,
  	\`reply_text\` text,
  	\`url\` text,
  	\`appid\` text,
  	\`pagepath\` text,
  	\`article_id\` text,
  	\`media_id\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`wechat_menu\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`wechat_menu_buttons_order_idx\` ON \`wechat_menu_buttons\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`wechat_menu_buttons_parent_id_idx\` ON \`wechat_menu_buttons\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`wechat_menu\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`account_id\` text(36),
  	\`updated_at\` text,
  	\`created_at\` text,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`wechat_menu_account_idx\` ON \`wechat_menu\` (\`account_id\`);`)
  await db.run(sql`DROP TABLE \`wechat_menus_buttons_sub_buttons\`;`)
  await db.run(sql`DROP TABLE \`wechat_menus_buttons\`;`)
  await db.run(sql`DROP TABLE \`wechat_menus\`;`)
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
  	\`analytics_days_id\` text(36),
  	\`analytics_articles_id\` text(36),
  	\`analytics_sync_days_id\` text(36),
  	\`binding_codes_id\` text(36),
  	\`scheduler_heartbeats_id\` text(36),
  	\`health_alerts_id\` text(36),
  	\`wechat_api_errors_id\` text(36),
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
  	FOREIGN KEY (\`analytics_days_id\`) REFERENCES \`analytics_days\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`analytics_articles_id\`) REFERENCES \`analytics_articles\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`analytics_sync_days_id\`) REFERENCES \`analytics_sync_days\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`binding_codes_id\`) REFERENCES \`binding_codes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`scheduler_heartbeats_id\`) REFERENCES \`scheduler_heartbeats\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`health_alerts_id\`) REFERENCES \`health_alerts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`wechat_api_errors_id\`) REFERENCES \`wechat_api_errors\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "articles_id", "policy_explainers_id", "community_news_id", "service_guides_id", "media_id", "documents_id", "offices_id", "booking_rules_id", "appointments_id", "matter_steps_id", "slot_seats_id", "ratings_id", "rectifications_id", "rectification_steps_id", "consultation_topics_id", "consultation_submissions_id", "consultation_photos_id", "consultation_rate_counters_id", "communities_id", "users_id", "notifications_id", "wechat_accounts_id", "weekly_pushes_id", "push_steps_id", "pending_mass_results_id", "wechat_tokens_id", "wechat_uploads_id", "wechat_inbound_id", "resident_messages_id", "resident_media_id", "auto_replies_id", "followers_id", "resident_notices_id", "menu_clicks_id", "menu_click_log_id", "analytics_days_id", "analytics_articles_id", "analytics_sync_days_id", "binding_codes_id", "scheduler_heartbeats_id", "health_alerts_id", "wechat_api_errors_id") SELECT "id", "order", "parent_id", "path", "articles_id", "policy_explainers_id", "community_news_id", "service_guides_id", "media_id", "documents_id", "offices_id", "booking_rules_id", "appointments_id", "matter_steps_id", "slot_seats_id", "ratings_id", "rectifications_id", "rectification_steps_id", "consultation_topics_id", "consultation_submissions_id", "consultation_photos_id", "consultation_rate_counters_id", "communities_id", "users_id", "notifications_id", "wechat_accounts_id", "weekly_pushes_id", "push_steps_id", "pending_mass_results_id", "wechat_tokens_id", "wechat_uploads_id", "wechat_inbound_id", "resident_messages_id", "resident_media_id", "auto_replies_id", "followers_id", "resident_notices_id", "menu_clicks_id", "menu_click_log_id", "analytics_days_id", "analytics_articles_id", "analytics_sync_days_id", "binding_codes_id", "scheduler_heartbeats_id", "health_alerts_id", "wechat_api_errors_id" FROM \`payload_locked_documents_rels\`;`)
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
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_analytics_days_id_idx\` ON \`payload_locked_documents_rels\` (\`analytics_days_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_analytics_articles_id_idx\` ON \`payload_locked_documents_rels\` (\`analytics_articles_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_analytics_sync_days_id_idx\` ON \`payload_locked_documents_rels\` (\`analytics_sync_days_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_binding_codes_id_idx\` ON \`payload_locked_documents_rels\` (\`binding_codes_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_scheduler_heartbeats_id_idx\` ON \`payload_locked_documents_rels\` (\`scheduler_heartbeats_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_health_alerts_id_idx\` ON \`payload_locked_documents_rels\` (\`health_alerts_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_wechat_api_errors_id_idx\` ON \`payload_locked_documents_rels\` (\`wechat_api_errors_id\`);`)
}
