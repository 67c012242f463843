import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`push_steps\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`push_id\` text(36) NOT NULL,
  	\`step\` text NOT NULL,
  	\`at\` text NOT NULL,
  	\`ok\` integer DEFAULT false,
  	\`detail\` text,
  	\`seq\` numeric NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`push_id\`) REFERENCES \`weekly_pushes\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`push_steps_push_idx\` ON \`push_steps\` (\`push_id\`);`)
  await db.run(sql`CREATE INDEX \`push_steps_seq_idx\` ON \`push_steps\` (\`seq\`);`)
  await db.run(sql`CREATE INDEX \`push_steps_updated_at_idx\` ON \`push_steps\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`push_steps_created_at_idx\` ON \`push_steps\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`pending_mass_results\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`account_id\` text(36) NOT NULL,
  	\`msg_id\` text NOT NULL,
  	\`result\` text NOT NULL,
  	\`received_at\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`pending_mass_results_key_idx\` ON \`pending_mass_results\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`pending_mass_results_account_idx\` ON \`pending_mass_results\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`pending_mass_results_msg_id_idx\` ON \`pending_mass_results\` (\`msg_id\`);`)
  await db.run(sql`CREATE INDEX \`pending_mass_results_updated_at_idx\` ON \`pending_mass_results\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`pending_mass_results_created_at_idx\` ON \`pending_mass_results\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`resident_media\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`message_id\` text(36) NOT NULL,
  	\`kind\` text NOT NULL,
  	\`wechat_media_id\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`url\` text,
  	\`thumbnail_u_r_l\` text,
  	\`filename\` text,
  	\`mime_type\` text,
  	\`filesize\` numeric,
  	\`width\` numeric,
  	\`height\` numeric,
  	\`focal_x\` numeric,
  	\`focal_y\` numeric,
  	FOREIGN KEY (\`message_id\`) REFERENCES \`resident_messages\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`resident_media_message_idx\` ON \`resident_media\` (\`message_id\`);`)
  await db.run(sql`CREATE INDEX \`resident_media_wechat_media_id_idx\` ON \`resident_media\` (\`wechat_media_id\`);`)
  await db.run(sql`CREATE INDEX \`resident_media_updated_at_idx\` ON \`resident_media\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`resident_media_created_at_idx\` ON \`resident_media\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`resident_media_filename_idx\` ON \`resident_media\` (\`filename\`);`)
  // The step log moves from the push's array to its own append-only collection: copy the entries
  // (oldest first within each push, by their time and then their place in the array) before the
  // array's table goes, so an upgraded install keeps its evidence.
  await db.run(sql`INSERT INTO \`push_steps\` (\`id\`, \`push_id\`, \`step\`, \`at\`, \`ok\`, \`detail\`, \`seq\`, \`updated_at\`, \`created_at\`)
    SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
      s.\`_parent_id\`, COALESCE(s.\`step\`, ''), COALESCE(s.\`at\`, p.\`created_at\`), COALESCE(s.\`ok\`, 0), s.\`detail\`,
      CAST((julianday(COALESCE(s.\`at\`, p.\`created_at\`)) - 2440587.5) * 86400000 AS INTEGER) * 1000 + s.\`_order\`,
      COALESCE(s.\`at\`, p.\`created_at\`), COALESCE(s.\`at\`, p.\`created_at\`)
    FROM \`weekly_pushes_steps\` s JOIN \`weekly_pushes\` p ON p.\`id\` = s.\`_parent_id\`;`)
  await db.run(sql`DROP TABLE \`weekly_pushes_steps\`;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`mode_mismatch_last_seen_at\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`mode_mismatch_mode_seen\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`mode_mismatch_configured_mode\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`mode_mismatch_count\` numeric;`)
  await db.run(sql`ALTER TABLE \`resident_messages_thread\` ADD \`errcode\` numeric;`)
  await db.run(sql`ALTER TABLE \`resident_messages\` ADD \`sender\` text;`)
  await db.run(sql`ALTER TABLE \`resident_messages\` ADD \`auto_reply_id\` text(36) REFERENCES auto_replies(id);`)
  await db.run(sql`ALTER TABLE \`resident_messages\` ADD \`media_status\` text;`)
  await db.run(sql`ALTER TABLE \`resident_messages\` ADD \`media_attempts\` numeric DEFAULT 0;`)
  await db.run(sql`ALTER TABLE \`resident_messages\` ADD \`media_retry_at\` text;`)
  await db.run(sql`ALTER TABLE \`resident_messages\` ADD \`media_error\` text;`)
  await db.run(sql`CREATE INDEX \`resident_messages_auto_reply_idx\` ON \`resident_messages\` (\`auto_reply_id\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_media_status_idx\` ON \`resident_messages\` (\`media_status\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_media_retry_at_idx\` ON \`resident_messages\` (\`media_retry_at\`);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`push_steps_id\` text(36) REFERENCES push_steps(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`pending_mass_results_id\` text(36) REFERENCES pending_mass_results(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`resident_media_id\` text(36) REFERENCES resident_media(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_push_steps_id_idx\` ON \`payload_locked_documents_rels\` (\`push_steps_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_pending_mass_results_id_idx\` ON \`payload_locked_documents_rels\` (\`pending_mass_results_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_resident_media_id_idx\` ON \`payload_locked_documents_rels\` (\`resident_media_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`weekly_pushes_steps\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`step\` text,
  	\`at\` text,
  	\`ok\` integer,
  	\`detail\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`weekly_pushes\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`weekly_pushes_steps_order_idx\` ON \`weekly_pushes_steps\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`weekly_pushes_steps_parent_id_idx\` ON \`weekly_pushes_steps\` (\`_parent_id\`);`)
  await db.run(sql`DROP TABLE \`push_steps\`;`)
  await db.run(sql`DROP TABLE \`pending_mass_results\`;`)
  await db.run(sql`DROP TABLE \`resident_media\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_resident_messages\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`account_id\` text(36) NOT NULL,
  	\`openid\` text NOT NULL,
  	\`type\` text NOT NULL,
  	\`content\` text,
  	\`media\` text,
  	\`received\` text NOT NULL,
  	\`status\` text DEFAULT 'new' NOT NULL,
  	\`assignee_id\` text(36),
  	\`inbound_key\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`assignee_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_resident_messages\`("id", "account_id", "openid", "type", "content", "media", "received", "status", "assignee_id", "inbound_key", "updated_at", "created_at") SELECT "id", "account_id", "openid", "type", "content", "media", "received", "status", "assignee_id", "inbound_key", "updated_at", "created_at" FROM \`resident_messages\`;`)
  await db.run(sql`DROP TABLE \`resident_messages\`;`)
  await db.run(sql`ALTER TABLE \`__new_resident_messages\` RENAME TO \`resident_messages\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`resident_messages_account_idx\` ON \`resident_messages\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_openid_idx\` ON \`resident_messages\` (\`openid\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_received_idx\` ON \`resident_messages\` (\`received\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_status_idx\` ON \`resident_messages\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_assignee_idx\` ON \`resident_messages\` (\`assignee_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`resident_messages_inbound_key_idx\` ON \`resident_messages\` (\`inbound_key\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_updated_at_idx\` ON \`resident_messages\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_created_at_idx\` ON \`resident_messages\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`articles_id\` text(36),
  	\`policy_explainers_id\` text(36),
  	\`community_news_id\` text(36),
  	\`media_id\` text(36),
  	\`communities_id\` text(36),
  	\`users_id\` text(36),
  	\`notifications_id\` text(36),
  	\`wechat_accounts_id\` text(36),
  	\`weekly_pushes_id\` text(36),
  	\`wechat_tokens_id\` text(36),
  	\`wechat_uploads_id\` text(36),
  	\`wechat_inbound_id\` text(36),
  	\`resident_messages_id\` text(36),
  	\`auto_replies_id\` text(36),
  	\`followers_id\` text(36),
  	\`menu_clicks_id\` text(36),
  	\`menu_click_log_id\` text(36),
  	\`binding_codes_id\` text(36),
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`articles_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`policy_explainers_id\`) REFERENCES \`policy_explainers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`community_news_id\`) REFERENCES \`community_news\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`communities_id\`) REFERENCES \`communities\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`notifications_id\`) REFERENCES \`notifications\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`wechat_accounts_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`weekly_pushes_id\`) REFERENCES \`weekly_pushes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`wechat_tokens_id\`) REFERENCES \`wechat_tokens\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`wechat_uploads_id\`) REFERENCES \`wechat_uploads\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`wechat_inbound_id\`) REFERENCES \`wechat_inbound\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`resident_messages_id\`) REFERENCES \`resident_messages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`auto_replies_id\`) REFERENCES \`auto_replies\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`followers_id\`) REFERENCES \`followers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`menu_clicks_id\`) REFERENCES \`menu_clicks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`menu_click_log_id\`) REFERENCES \`menu_click_log\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`binding_codes_id\`) REFERENCES \`binding_codes\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "articles_id", "policy_explainers_id", "community_news_id", "media_id", "communities_id", "users_id", "notifications_id", "wechat_accounts_id", "weekly_pushes_id", "wechat_tokens_id", "wechat_uploads_id", "wechat_inbound_id", "resident_messages_id", "auto_replies_id", "followers_id", "menu_clicks_id", "menu_click_log_id", "binding_codes_id") SELECT "id", "order", "parent_id", "path", "articles_id", "policy_explainers_id", "community_news_id", "media_id", "communities_id", "users_id", "notifications_id", "wechat_accounts_id", "weekly_pushes_id", "wechat_tokens_id", "wechat_uploads_id", "wechat_inbound_id", "resident_messages_id", "auto_replies_id", "followers_id", "menu_clicks_id", "menu_click_log_id", "binding_codes_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_articles_id_idx\` ON \`payload_locked_documents_rels\` (\`articles_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_policy_explainers_id_idx\` ON \`payload_locked_documents_rels\` (\`policy_explainers_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_community_news_id_idx\` ON \`payload_locked_documents_rels\` (\`community_news_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_communities_id_idx\` ON \`payload_locked_documents_rels\` (\`communities_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_notifications_id_idx\` ON \`payload_locked_documents_rels\` (\`notifications_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_wechat_accounts_id_idx\` ON \`payload_locked_documents_rels\` (\`wechat_accounts_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_weekly_pushes_id_idx\` ON \`payload_locked_documents_rels\` (\`weekly_pushes_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_wechat_tokens_id_idx\` ON \`payload_locked_documents_rels\` (\`wechat_tokens_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_wechat_uploads_id_idx\` ON \`payload_locked_documents_rels\` (\`wechat_uploads_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_wechat_inbound_id_idx\` ON \`payload_locked_documents_rels\` (\`wechat_inbound_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_resident_messages_id_idx\` ON \`payload_locked_documents_rels\` (\`resident_messages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_auto_replies_id_idx\` ON \`payload_locked_documents_rels\` (\`auto_replies_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_followers_id_idx\` ON \`payload_locked_documents_rels\` (\`followers_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_menu_clicks_id_idx\` ON \`payload_locked_documents_rels\` (\`menu_clicks_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_menu_click_log_id_idx\` ON \`payload_locked_documents_rels\` (\`menu_click_log_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_binding_codes_id_idx\` ON \`payload_locked_documents_rels\` (\`binding_codes_id\`);`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`mode_mismatch_last_seen_at\`;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`mode_mismatch_mode_seen\`;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`mode_mismatch_configured_mode\`;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`mode_mismatch_count\`;`)
  await db.run(sql`ALTER TABLE \`resident_messages_thread\` DROP COLUMN \`errcode\`;`)
}
