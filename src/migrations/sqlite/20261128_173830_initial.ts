import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`articles_review_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`action\` text,
  	\`from\` text,
  	\`to\` text,
  	\`by_id\` text(36),
  	\`at\` text,
  	\`reason\` text,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`articles_review_history_order_idx\` ON \`articles_review_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`articles_review_history_parent_id_idx\` ON \`articles_review_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_review_history_by_idx\` ON \`articles_review_history\` (\`by_id\`);`)
  await db.run(sql`CREATE TABLE \`articles\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`title\` text NOT NULL,
  	\`author\` text,
  	\`community_id\` text(36),
  	\`digest\` text,
  	\`cover_id\` text(36),
  	\`body\` text,
  	\`category\` text DEFAULT 'notice',
  	\`priority\` text DEFAULT 'normal',
  	\`push_by\` text,
  	\`original_link\` text,
  	\`pushed_in_id\` text(36),
  	\`article_url\` text,
  	\`review_status\` text DEFAULT 'draft',
  	\`created_by_id\` text(36),
  	\`submitted_at\` text,
  	\`approved_at\` text,
  	\`approved_by_id\` text(36),
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`community_id\`) REFERENCES \`communities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`cover_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`pushed_in_id\`) REFERENCES \`weekly_pushes\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`created_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`approved_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`articles_community_idx\` ON \`articles\` (\`community_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_cover_idx\` ON \`articles\` (\`cover_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_priority_idx\` ON \`articles\` (\`priority\`);`)
  await db.run(sql`CREATE INDEX \`articles_push_by_idx\` ON \`articles\` (\`push_by\`);`)
  await db.run(sql`CREATE INDEX \`articles_pushed_in_idx\` ON \`articles\` (\`pushed_in_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_review_status_idx\` ON \`articles\` (\`review_status\`);`)
  await db.run(sql`CREATE INDEX \`articles_created_by_idx\` ON \`articles\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_approved_at_idx\` ON \`articles\` (\`approved_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_approved_by_idx\` ON \`articles\` (\`approved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_updated_at_idx\` ON \`articles\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_created_at_idx\` ON \`articles\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`articles_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`articles_texts_order_parent\` ON \`articles_texts\` (\`order\`,\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`policy_explainers_key_points\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`point\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`policy_explainers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`policy_explainers_key_points_order_idx\` ON \`policy_explainers_key_points\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`policy_explainers_key_points_parent_id_idx\` ON \`policy_explainers_key_points\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`policy_explainers_qa\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`question\` text NOT NULL,
  	\`answer\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`policy_explainers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`policy_explainers_qa_order_idx\` ON \`policy_explainers_qa\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`policy_explainers_qa_parent_id_idx\` ON \`policy_explainers_qa\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`policy_explainers_review_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`action\` text,
  	\`from\` text,
  	\`to\` text,
  	\`by_id\` text(36),
  	\`at\` text,
  	\`reason\` text,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`policy_explainers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`policy_explainers_review_history_order_idx\` ON \`policy_explainers_review_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`policy_explainers_review_history_parent_id_idx\` ON \`policy_explainers_review_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`policy_explainers_review_history_by_idx\` ON \`policy_explainers_review_history\` (\`by_id\`);`)
  await db.run(sql`CREATE TABLE \`policy_explainers\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`title\` text NOT NULL,
  	\`author\` text,
  	\`community_id\` text(36),
  	\`digest\` text,
  	\`cover_id\` text(36),
  	\`body\` text,
  	\`policy_title\` text NOT NULL,
  	\`issuing_body\` text,
  	\`document_number\` text,
  	\`effective_date\` text,
  	\`source_link\` text,
  	\`priority\` text DEFAULT 'normal',
  	\`push_by\` text,
  	\`original_link\` text,
  	\`pushed_in_id\` text(36),
  	\`article_url\` text,
  	\`review_status\` text DEFAULT 'draft',
  	\`created_by_id\` text(36),
  	\`submitted_at\` text,
  	\`approved_at\` text,
  	\`approved_by_id\` text(36),
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`community_id\`) REFERENCES \`communities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`cover_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`pushed_in_id\`) REFERENCES \`weekly_pushes\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`created_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`approved_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`policy_explainers_community_idx\` ON \`policy_explainers\` (\`community_id\`);`)
  await db.run(sql`CREATE INDEX \`policy_explainers_cover_idx\` ON \`policy_explainers\` (\`cover_id\`);`)
  await db.run(sql`CREATE INDEX \`policy_explainers_priority_idx\` ON \`policy_explainers\` (\`priority\`);`)
  await db.run(sql`CREATE INDEX \`policy_explainers_push_by_idx\` ON \`policy_explainers\` (\`push_by\`);`)
  await db.run(sql`CREATE INDEX \`policy_explainers_pushed_in_idx\` ON \`policy_explainers\` (\`pushed_in_id\`);`)
  await db.run(sql`CREATE INDEX \`policy_explainers_review_status_idx\` ON \`policy_explainers\` (\`review_status\`);`)
  await db.run(sql`CREATE INDEX \`policy_explainers_created_by_idx\` ON \`policy_explainers\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`policy_explainers_approved_at_idx\` ON \`policy_explainers\` (\`approved_at\`);`)
  await db.run(sql`CREATE INDEX \`policy_explainers_approved_by_idx\` ON \`policy_explainers\` (\`approved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`policy_explainers_updated_at_idx\` ON \`policy_explainers\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`policy_explainers_created_at_idx\` ON \`policy_explainers\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`policy_explainers_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`policy_explainers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`policy_explainers_texts_order_parent\` ON \`policy_explainers_texts\` (\`order\`,\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`community_news_review_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`action\` text,
  	\`from\` text,
  	\`to\` text,
  	\`by_id\` text(36),
  	\`at\` text,
  	\`reason\` text,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`community_news\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`community_news_review_history_order_idx\` ON \`community_news_review_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`community_news_review_history_parent_id_idx\` ON \`community_news_review_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`community_news_review_history_by_idx\` ON \`community_news_review_history\` (\`by_id\`);`)
  await db.run(sql`CREATE TABLE \`community_news\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`title\` text NOT NULL,
  	\`author\` text,
  	\`community_id\` text(36),
  	\`digest\` text,
  	\`cover_id\` text(36),
  	\`body\` text,
  	\`event_date\` text,
  	\`place\` text,
  	\`priority\` text DEFAULT 'normal',
  	\`push_by\` text,
  	\`original_link\` text,
  	\`pushed_in_id\` text(36),
  	\`article_url\` text,
  	\`review_status\` text DEFAULT 'draft',
  	\`created_by_id\` text(36),
  	\`submitted_at\` text,
  	\`approved_at\` text,
  	\`approved_by_id\` text(36),
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`community_id\`) REFERENCES \`communities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`cover_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`pushed_in_id\`) REFERENCES \`weekly_pushes\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`created_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`approved_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`community_news_community_idx\` ON \`community_news\` (\`community_id\`);`)
  await db.run(sql`CREATE INDEX \`community_news_cover_idx\` ON \`community_news\` (\`cover_id\`);`)
  await db.run(sql`CREATE INDEX \`community_news_priority_idx\` ON \`community_news\` (\`priority\`);`)
  await db.run(sql`CREATE INDEX \`community_news_push_by_idx\` ON \`community_news\` (\`push_by\`);`)
  await db.run(sql`CREATE INDEX \`community_news_pushed_in_idx\` ON \`community_news\` (\`pushed_in_id\`);`)
  await db.run(sql`CREATE INDEX \`community_news_review_status_idx\` ON \`community_news\` (\`review_status\`);`)
  await db.run(sql`CREATE INDEX \`community_news_created_by_idx\` ON \`community_news\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`community_news_approved_at_idx\` ON \`community_news\` (\`approved_at\`);`)
  await db.run(sql`CREATE INDEX \`community_news_approved_by_idx\` ON \`community_news\` (\`approved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`community_news_updated_at_idx\` ON \`community_news\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`community_news_created_at_idx\` ON \`community_news\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`community_news_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`community_news\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`community_news_texts_order_parent\` ON \`community_news_texts\` (\`order\`,\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`community_news_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`media_id\` text(36),
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`community_news\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`community_news_rels_order_idx\` ON \`community_news_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`community_news_rels_parent_idx\` ON \`community_news_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`community_news_rels_path_idx\` ON \`community_news_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`community_news_rels_media_id_idx\` ON \`community_news_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE TABLE \`media\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`alt\` text NOT NULL,
  	\`uploaded_by_id\` text(36),
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
  	\`sizes_thumbnail_url\` text,
  	\`sizes_thumbnail_width\` numeric,
  	\`sizes_thumbnail_height\` numeric,
  	\`sizes_thumbnail_mime_type\` text,
  	\`sizes_thumbnail_filesize\` numeric,
  	\`sizes_thumbnail_filename\` text,
  	\`sizes_cover_url\` text,
  	\`sizes_cover_width\` numeric,
  	\`sizes_cover_height\` numeric,
  	\`sizes_cover_mime_type\` text,
  	\`sizes_cover_filesize\` numeric,
  	\`sizes_cover_filename\` text,
  	FOREIGN KEY (\`uploaded_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`media_uploaded_by_idx\` ON \`media\` (\`uploaded_by_id\`);`)
  await db.run(sql`CREATE INDEX \`media_updated_at_idx\` ON \`media\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`media_created_at_idx\` ON \`media\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`media_filename_idx\` ON \`media\` (\`filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_thumbnail_sizes_thumbnail_filename_idx\` ON \`media\` (\`sizes_thumbnail_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_cover_sizes_cover_filename_idx\` ON \`media\` (\`sizes_cover_filename\`);`)
  await db.run(sql`CREATE TABLE \`communities\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`code\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`communities_name_idx\` ON \`communities\` (\`name\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`communities_code_idx\` ON \`communities\` (\`code\`);`)
  await db.run(sql`CREATE INDEX \`communities_updated_at_idx\` ON \`communities\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`communities_created_at_idx\` ON \`communities\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`users_sessions\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`created_at\` text,
  	\`expires_at\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_sessions_order_idx\` ON \`users_sessions\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`users_sessions_parent_id_idx\` ON \`users_sessions\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`users\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`role\` text DEFAULT 'editor' NOT NULL,
  	\`community_id\` text(36),
  	\`wechat_openid\` text,
  	\`active\` integer DEFAULT true,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`email\` text NOT NULL,
  	\`reset_password_token\` text,
  	\`reset_password_expiration\` text,
  	\`salt\` text,
  	\`hash\` text,
  	\`reset_password_requested_at\` text,
  	\`login_attempts\` numeric DEFAULT 0,
  	\`lock_until\` text,
  	FOREIGN KEY (\`community_id\`) REFERENCES \`communities\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`users_role_idx\` ON \`users\` (\`role\`);`)
  await db.run(sql`CREATE INDEX \`users_community_idx\` ON \`users\` (\`community_id\`);`)
  await db.run(sql`CREATE INDEX \`users_wechat_openid_idx\` ON \`users\` (\`wechat_openid\`);`)
  await db.run(sql`CREATE INDEX \`users_updated_at_idx\` ON \`users\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`users_created_at_idx\` ON \`users\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`users_email_idx\` ON \`users\` (\`email\`);`)
  await db.run(sql`CREATE TABLE \`notifications\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`recipient_id\` text(36),
  	\`to\` text,
  	\`channel\` text DEFAULT 'email',
  	\`subject\` text NOT NULL,
  	\`body\` text,
  	\`related_collection\` text,
  	\`related_id\` text,
  	\`status\` text DEFAULT 'pending',
  	\`error\` text,
  	\`sent_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`recipient_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`notifications_recipient_idx\` ON \`notifications\` (\`recipient_id\`);`)
  await db.run(sql`CREATE INDEX \`notifications_updated_at_idx\` ON \`notifications\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`notifications_created_at_idx\` ON \`notifications\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`wechat_accounts_community_tags\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`community_id\` text(36) NOT NULL,
  	\`tag_id\` numeric NOT NULL,
  	FOREIGN KEY (\`community_id\`) REFERENCES \`communities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`wechat_accounts_community_tags_order_idx\` ON \`wechat_accounts_community_tags\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`wechat_accounts_community_tags_parent_id_idx\` ON \`wechat_accounts_community_tags\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`wechat_accounts_community_tags_community_idx\` ON \`wechat_accounts_community_tags\` (\`community_id\`);`)
  await db.run(sql`CREATE TABLE \`wechat_accounts\` (
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
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`wechat_accounts_app_id_idx\` ON \`wechat_accounts\` (\`app_id\`);`)
  await db.run(sql`CREATE INDEX \`wechat_accounts_updated_at_idx\` ON \`wechat_accounts\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`wechat_accounts_created_at_idx\` ON \`wechat_accounts\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`weekly_pushes_previews\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`user_id\` text(36),
  	\`at\` text,
  	\`msg_id\` text,
  	\`error\` text,
  	FOREIGN KEY (\`user_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`weekly_pushes\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`weekly_pushes_previews_order_idx\` ON \`weekly_pushes_previews\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`weekly_pushes_previews_parent_id_idx\` ON \`weekly_pushes_previews\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`weekly_pushes_previews_user_idx\` ON \`weekly_pushes_previews\` (\`user_id\`);`)
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
  await db.run(sql`CREATE TABLE \`weekly_pushes\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`key\` text,
  	\`week\` text NOT NULL,
  	\`account_id\` text(36) NOT NULL,
  	\`status\` text DEFAULT 'proposed',
  	\`status_reason\` text,
  	\`audience\` text DEFAULT 'all',
  	\`audience_community_id\` text(36),
  	\`signed_off_by_id\` text(36),
  	\`signed_off_at\` text,
  	\`claimed_by\` text,
  	\`claimed_until\` text,
  	\`attempts\` numeric DEFAULT 0,
  	\`needs_attention\` integer,
  	\`wechat_clientmsgid\` text,
  	\`wechat_draft_media_id\` text,
  	\`wechat_msg_id\` text,
  	\`wechat_msg_data_id\` text,
  	\`wechat_send_requested_at\` text,
  	\`wechat_sent_at\` text,
  	\`result_status_text\` text,
  	\`result_meaning\` text,
  	\`result_total_count\` numeric,
  	\`result_filter_count\` numeric,
  	\`result_sent_count\` numeric,
  	\`result_error_count\` numeric,
  	\`result_finished_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`audience_community_id\`) REFERENCES \`communities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`signed_off_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`weekly_pushes_key_idx\` ON \`weekly_pushes\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`weekly_pushes_week_idx\` ON \`weekly_pushes\` (\`week\`);`)
  await db.run(sql`CREATE INDEX \`weekly_pushes_account_idx\` ON \`weekly_pushes\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`weekly_pushes_status_idx\` ON \`weekly_pushes\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`weekly_pushes_audience_community_idx\` ON \`weekly_pushes\` (\`audience_community_id\`);`)
  await db.run(sql`CREATE INDEX \`weekly_pushes_signed_off_by_idx\` ON \`weekly_pushes\` (\`signed_off_by_id\`);`)
  await db.run(sql`CREATE INDEX \`weekly_pushes_wechat_wechat_msg_id_idx\` ON \`weekly_pushes\` (\`wechat_msg_id\`);`)
  await db.run(sql`CREATE INDEX \`weekly_pushes_updated_at_idx\` ON \`weekly_pushes\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`weekly_pushes_created_at_idx\` ON \`weekly_pushes\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`weekly_pushes_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`articles_id\` text(36),
  	\`policy_explainers_id\` text(36),
  	\`community_news_id\` text(36),
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`weekly_pushes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`articles_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`policy_explainers_id\`) REFERENCES \`policy_explainers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`community_news_id\`) REFERENCES \`community_news\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`weekly_pushes_rels_order_idx\` ON \`weekly_pushes_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`weekly_pushes_rels_parent_idx\` ON \`weekly_pushes_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`weekly_pushes_rels_path_idx\` ON \`weekly_pushes_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`weekly_pushes_rels_articles_id_idx\` ON \`weekly_pushes_rels\` (\`articles_id\`);`)
  await db.run(sql`CREATE INDEX \`weekly_pushes_rels_policy_explainers_id_idx\` ON \`weekly_pushes_rels\` (\`policy_explainers_id\`);`)
  await db.run(sql`CREATE INDEX \`weekly_pushes_rels_community_news_id_idx\` ON \`weekly_pushes_rels\` (\`community_news_id\`);`)
  await db.run(sql`CREATE TABLE \`wechat_tokens\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`account\` text NOT NULL,
  	\`access_token\` text,
  	\`expires_at\` text,
  	\`locked_until\` text,
  	\`lock_owner\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`wechat_tokens_account_idx\` ON \`wechat_tokens\` (\`account\`);`)
  await db.run(sql`CREATE INDEX \`wechat_tokens_updated_at_idx\` ON \`wechat_tokens\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`wechat_tokens_created_at_idx\` ON \`wechat_tokens\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`wechat_uploads\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`account\` text NOT NULL,
  	\`kind\` text NOT NULL,
  	\`hash\` text NOT NULL,
  	\`url\` text,
  	\`media_id\` text,
  	\`bytes\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`wechat_uploads_hash_idx\` ON \`wechat_uploads\` (\`hash\`);`)
  await db.run(sql`CREATE INDEX \`wechat_uploads_updated_at_idx\` ON \`wechat_uploads\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`wechat_uploads_created_at_idx\` ON \`wechat_uploads\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`account_kind_hash_idx\` ON \`wechat_uploads\` (\`account\`,\`kind\`,\`hash\`);`)
  await db.run(sql`CREATE TABLE \`wechat_inbound\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`account_id\` text(36) NOT NULL,
  	\`dedupe_key\` text NOT NULL,
  	\`type\` text NOT NULL,
  	\`event\` text,
  	\`payload\` text,
  	\`received_at\` text NOT NULL,
  	\`status\` text DEFAULT 'pending' NOT NULL,
  	\`attempts\` numeric DEFAULT 0 NOT NULL,
  	\`lease_until\` text,
  	\`error\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`wechat_inbound_account_idx\` ON \`wechat_inbound\` (\`account_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`wechat_inbound_dedupe_key_idx\` ON \`wechat_inbound\` (\`dedupe_key\`);`)
  await db.run(sql`CREATE INDEX \`wechat_inbound_status_idx\` ON \`wechat_inbound\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`wechat_inbound_lease_until_idx\` ON \`wechat_inbound\` (\`lease_until\`);`)
  await db.run(sql`CREATE INDEX \`wechat_inbound_updated_at_idx\` ON \`wechat_inbound\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`wechat_inbound_created_at_idx\` ON \`wechat_inbound\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`resident_messages_thread\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`by_id\` text(36),
  	\`at\` text,
  	\`content\` text,
  	\`status\` text,
  	\`error\` text,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`resident_messages\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`resident_messages_thread_order_idx\` ON \`resident_messages_thread\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_thread_parent_id_idx\` ON \`resident_messages_thread\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_thread_by_idx\` ON \`resident_messages_thread\` (\`by_id\`);`)
  await db.run(sql`CREATE TABLE \`resident_messages\` (
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
  await db.run(sql`CREATE INDEX \`resident_messages_account_idx\` ON \`resident_messages\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_openid_idx\` ON \`resident_messages\` (\`openid\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_received_idx\` ON \`resident_messages\` (\`received\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_status_idx\` ON \`resident_messages\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_assignee_idx\` ON \`resident_messages\` (\`assignee_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`resident_messages_inbound_key_idx\` ON \`resident_messages\` (\`inbound_key\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_updated_at_idx\` ON \`resident_messages\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_created_at_idx\` ON \`resident_messages\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`auto_replies\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`account_id\` text(36),
  	\`kind\` text DEFAULT 'keyword' NOT NULL,
  	\`priority\` numeric DEFAULT 0,
  	\`enabled\` integer DEFAULT true,
  	\`match\` text DEFAULT 'exact',
  	\`keyword\` text,
  	\`reply_type\` text DEFAULT 'text' NOT NULL,
  	\`text\` text,
  	\`article_title\` text,
  	\`article_description\` text,
  	\`article_url\` text,
  	\`article_pic_url\` text,
  	\`media_id\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`auto_replies_account_idx\` ON \`auto_replies\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`auto_replies_updated_at_idx\` ON \`auto_replies\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`auto_replies_created_at_idx\` ON \`auto_replies\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`followers\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`account_id\` text(36) NOT NULL,
  	\`openid\` text NOT NULL,
  	\`subscribed\` integer DEFAULT true,
  	\`followed_at\` text,
  	\`unfollowed_at\` text,
  	\`last_event_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`followers_account_idx\` ON \`followers\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`followers_openid_idx\` ON \`followers\` (\`openid\`);`)
  await db.run(sql`CREATE INDEX \`followers_updated_at_idx\` ON \`followers\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`followers_created_at_idx\` ON \`followers\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`account_openid_idx\` ON \`followers\` (\`account_id\`,\`openid\`);`)
  await db.run(sql`CREATE TABLE \`followers_numbers\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`number\` numeric,
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`followers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`followers_numbers_order_parent_idx\` ON \`followers_numbers\` (\`order\`,\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`menu_clicks\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`bucket\` text NOT NULL,
  	\`account_id\` text(36) NOT NULL,
  	\`key\` text NOT NULL,
  	\`name\` text,
  	\`event\` text NOT NULL,
  	\`day\` text NOT NULL,
  	\`count\` numeric DEFAULT 0 NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`menu_clicks_bucket_idx\` ON \`menu_clicks\` (\`bucket\`);`)
  await db.run(sql`CREATE INDEX \`menu_clicks_account_idx\` ON \`menu_clicks\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`menu_clicks_key_idx\` ON \`menu_clicks\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`menu_clicks_day_idx\` ON \`menu_clicks\` (\`day\`);`)
  await db.run(sql`CREATE INDEX \`menu_clicks_updated_at_idx\` ON \`menu_clicks\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`menu_clicks_created_at_idx\` ON \`menu_clicks\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`menu_click_log\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`inbound_key\` text NOT NULL,
  	\`bucket\` text NOT NULL,
  	\`at\` text NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`menu_click_log_inbound_key_idx\` ON \`menu_click_log\` (\`inbound_key\`);`)
  await db.run(sql`CREATE INDEX \`menu_click_log_bucket_idx\` ON \`menu_click_log\` (\`bucket\`);`)
  await db.run(sql`CREATE TABLE \`binding_codes\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`user_id\` text(36) NOT NULL,
  	\`code_hash\` text NOT NULL,
  	\`expires_at\` text NOT NULL,
  	\`used_at\` text,
  	\`openid\` text,
  	\`outcome\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`user_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`binding_codes_user_idx\` ON \`binding_codes\` (\`user_id\`);`)
  await db.run(sql`CREATE INDEX \`binding_codes_code_hash_idx\` ON \`binding_codes\` (\`code_hash\`);`)
  await db.run(sql`CREATE INDEX \`binding_codes_expires_at_idx\` ON \`binding_codes\` (\`expires_at\`);`)
  await db.run(sql`CREATE INDEX \`binding_codes_updated_at_idx\` ON \`binding_codes\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`binding_codes_created_at_idx\` ON \`binding_codes\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_kv\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`data\` text NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`payload_kv_key_idx\` ON \`payload_kv\` (\`key\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`global_slug\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_global_slug_idx\` ON \`payload_locked_documents\` (\`global_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_updated_at_idx\` ON \`payload_locked_documents\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_created_at_idx\` ON \`payload_locked_documents\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents_rels\` (
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
  await db.run(sql`CREATE TABLE \`payload_preferences\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`key\` text,
  	\`value\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_preferences_key_idx\` ON \`payload_preferences\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_updated_at_idx\` ON \`payload_preferences\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_created_at_idx\` ON \`payload_preferences\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_preferences_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` text(36),
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_preferences\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_order_idx\` ON \`payload_preferences_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_parent_idx\` ON \`payload_preferences_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_path_idx\` ON \`payload_preferences_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_users_id_idx\` ON \`payload_preferences_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_migrations\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`batch\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_migrations_updated_at_idx\` ON \`payload_migrations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_migrations_created_at_idx\` ON \`payload_migrations\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`push_settings\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`assemble_weekday\` text DEFAULT '3',
  	\`assemble_time\` text DEFAULT '10:00',
  	\`send_weekday\` text DEFAULT '4',
  	\`send_time\` text DEFAULT '18:00',
  	\`retry_weekday\` text DEFAULT '5',
  	\`retry_time\` text DEFAULT '18:00',
  	\`min_items\` numeric DEFAULT 5,
  	\`max_items\` numeric DEFAULT 6,
  	\`max_per_community\` numeric DEFAULT 3,
  	\`quota_policy\` text DEFAULT 'skip',
  	\`approval_is_sign_off\` integer DEFAULT false,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
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
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`articles_review_history\`;`)
  await db.run(sql`DROP TABLE \`articles\`;`)
  await db.run(sql`DROP TABLE \`articles_texts\`;`)
  await db.run(sql`DROP TABLE \`policy_explainers_key_points\`;`)
  await db.run(sql`DROP TABLE \`policy_explainers_qa\`;`)
  await db.run(sql`DROP TABLE \`policy_explainers_review_history\`;`)
  await db.run(sql`DROP TABLE \`policy_explainers\`;`)
  await db.run(sql`DROP TABLE \`policy_explainers_texts\`;`)
  await db.run(sql`DROP TABLE \`community_news_review_history\`;`)
  await db.run(sql`DROP TABLE \`community_news\`;`)
  await db.run(sql`DROP TABLE \`community_news_texts\`;`)
  await db.run(sql`DROP TABLE \`community_news_rels\`;`)
  await db.run(sql`DROP TABLE \`media\`;`)
  await db.run(sql`DROP TABLE \`communities\`;`)
  await db.run(sql`DROP TABLE \`users_sessions\`;`)
  await db.run(sql`DROP TABLE \`users\`;`)
  await db.run(sql`DROP TABLE \`notifications\`;`)
  await db.run(sql`DROP TABLE \`wechat_accounts_community_tags\`;`)
  await db.run(sql`DROP TABLE \`wechat_accounts\`;`)
  await db.run(sql`DROP TABLE \`weekly_pushes_previews\`;`)
  await db.run(sql`DROP TABLE \`weekly_pushes_steps\`;`)
  await db.run(sql`DROP TABLE \`weekly_pushes\`;`)
  await db.run(sql`DROP TABLE \`weekly_pushes_rels\`;`)
  await db.run(sql`DROP TABLE \`wechat_tokens\`;`)
  await db.run(sql`DROP TABLE \`wechat_uploads\`;`)
  await db.run(sql`DROP TABLE \`wechat_inbound\`;`)
  await db.run(sql`DROP TABLE \`resident_messages_thread\`;`)
  await db.run(sql`DROP TABLE \`resident_messages\`;`)
  await db.run(sql`DROP TABLE \`auto_replies\`;`)
  await db.run(sql`DROP TABLE \`followers\`;`)
  await db.run(sql`DROP TABLE \`followers_numbers\`;`)
  await db.run(sql`DROP TABLE \`menu_clicks\`;`)
  await db.run(sql`DROP TABLE \`menu_click_log\`;`)
  await db.run(sql`DROP TABLE \`binding_codes\`;`)
  await db.run(sql`DROP TABLE \`payload_kv\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_migrations\`;`)
  await db.run(sql`DROP TABLE \`push_settings\`;`)
  await db.run(sql`DROP TABLE \`wechat_menu_buttons_sub_buttons\`;`)
  await db.run(sql`DROP TABLE \`wechat_menu_buttons\`;`)
  await db.run(sql`DROP TABLE \`wechat_menu\`;`)
}
