import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`ratings\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`target_kind\` text NOT NULL,
  	\`target_id\` text NOT NULL,
  	\`rating_key\` text NOT NULL,
  	\`level\` text NOT NULL,
  	\`comment\` text,
  	\`comment_approved\` integer DEFAULT false,
  	\`comment_approved_by_id\` text(36),
  	\`comment_approved_at\` text,
  	\`office_id\` text(36) NOT NULL,
  	\`guide_id\` text(36),
  	\`account_id\` text(36),
  	\`openid_masked\` text,
  	\`rated_at\` text NOT NULL,
  	\`openid_cleared_at\` text,
  	\`openid\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`comment_approved_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`office_id\`) REFERENCES \`offices\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`guide_id\`) REFERENCES \`service_guides\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`ratings_target_id_idx\` ON \`ratings\` (\`target_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`ratings_rating_key_idx\` ON \`ratings\` (\`rating_key\`);`)
  await db.run(sql`CREATE INDEX \`ratings_level_idx\` ON \`ratings\` (\`level\`);`)
  await db.run(sql`CREATE INDEX \`ratings_comment_approved_by_idx\` ON \`ratings\` (\`comment_approved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`ratings_office_idx\` ON \`ratings\` (\`office_id\`);`)
  await db.run(sql`CREATE INDEX \`ratings_guide_idx\` ON \`ratings\` (\`guide_id\`);`)
  await db.run(sql`CREATE INDEX \`ratings_account_idx\` ON \`ratings\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`ratings_rated_at_idx\` ON \`ratings\` (\`rated_at\`);`)
  await db.run(sql`CREATE INDEX \`ratings_openid_idx\` ON \`ratings\` (\`openid\`);`)
  await db.run(sql`CREATE INDEX \`ratings_updated_at_idx\` ON \`ratings\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`ratings_created_at_idx\` ON \`ratings\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`ratings_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`ratings\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`ratings_texts_order_parent\` ON \`ratings_texts\` (\`order\`,\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`rectifications\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`rating_id\` text(36) NOT NULL,
  	\`level\` text NOT NULL,
  	\`office_id\` text(36) NOT NULL,
  	\`guide_id\` text(36),
  	\`state\` text DEFAULT 'open' NOT NULL,
  	\`state_changed_at\` text,
  	\`opened_on\` text NOT NULL,
  	\`deadline\` text,
  	\`deadline_warning\` text,
  	\`assignee_id\` text(36),
  	\`fix\` text,
  	\`fixed_on\` text,
  	\`public_fix\` text,
  	\`verdict\` text,
  	\`verdict_note\` text,
  	\`verdict_at\` text,
  	\`close_reason\` text,
  	\`appeal_used\` integer DEFAULT false,
  	\`appealed_at\` text,
  	\`review_note\` text,
  	\`closed_on\` text,
  	\`escalations_sent\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`rating_id\`) REFERENCES \`ratings\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`office_id\`) REFERENCES \`offices\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`guide_id\`) REFERENCES \`service_guides\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`assignee_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`rectifications_rating_idx\` ON \`rectifications\` (\`rating_id\`);`)
  await db.run(sql`CREATE INDEX \`rectifications_office_idx\` ON \`rectifications\` (\`office_id\`);`)
  await db.run(sql`CREATE INDEX \`rectifications_guide_idx\` ON \`rectifications\` (\`guide_id\`);`)
  await db.run(sql`CREATE INDEX \`rectifications_state_idx\` ON \`rectifications\` (\`state\`);`)
  await db.run(sql`CREATE INDEX \`rectifications_opened_on_idx\` ON \`rectifications\` (\`opened_on\`);`)
  await db.run(sql`CREATE INDEX \`rectifications_deadline_idx\` ON \`rectifications\` (\`deadline\`);`)
  await db.run(sql`CREATE INDEX \`rectifications_assignee_idx\` ON \`rectifications\` (\`assignee_id\`);`)
  await db.run(sql`CREATE INDEX \`rectifications_updated_at_idx\` ON \`rectifications\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`rectifications_created_at_idx\` ON \`rectifications\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`rectifications_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`rectifications\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`rectifications_texts_order_parent\` ON \`rectifications_texts\` (\`order\`,\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`rectification_steps\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`rectification_id\` text(36) NOT NULL,
  	\`office_id\` text(36),
  	\`action\` text NOT NULL,
  	\`from\` text,
  	\`to\` text NOT NULL,
  	\`note\` text,
  	\`caller\` text,
  	\`called_at\` text,
  	\`summary\` text,
  	\`actor\` text NOT NULL,
  	\`by_id\` text(36),
  	\`at\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`rectification_id\`) REFERENCES \`rectifications\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`office_id\`) REFERENCES \`offices\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`rectification_steps_rectification_idx\` ON \`rectification_steps\` (\`rectification_id\`);`)
  await db.run(sql`CREATE INDEX \`rectification_steps_office_idx\` ON \`rectification_steps\` (\`office_id\`);`)
  await db.run(sql`CREATE INDEX \`rectification_steps_by_idx\` ON \`rectification_steps\` (\`by_id\`);`)
  await db.run(sql`CREATE INDEX \`rectification_steps_at_idx\` ON \`rectification_steps\` (\`at\`);`)
  await db.run(sql`CREATE INDEX \`rectification_steps_updated_at_idx\` ON \`rectification_steps\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`rectification_steps_created_at_idx\` ON \`rectification_steps\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`consultation_topics_milestones\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`date\` text NOT NULL,
  	\`text\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`consultation_topics\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`consultation_topics_milestones_order_idx\` ON \`consultation_topics_milestones\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_milestones_parent_id_idx\` ON \`consultation_topics_milestones\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`consultation_topics_review_history\` (
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
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`consultation_topics\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`consultation_topics_review_history_order_idx\` ON \`consultation_topics_review_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_review_history_parent_id_idx\` ON \`consultation_topics_review_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_review_history_by_idx\` ON \`consultation_topics_review_history\` (\`by_id\`);`)
  await db.run(sql`CREATE TABLE \`consultation_topics\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`title\` text NOT NULL,
  	\`question\` text NOT NULL,
  	\`background\` text,
  	\`category\` text NOT NULL,
  	\`community_id\` text(36),
  	\`office_id\` text(36) NOT NULL,
  	\`opens_on\` text NOT NULL,
  	\`closes_on\` text NOT NULL,
  	\`keyword\` text,
  	\`cover_id\` text(36),
  	\`pinned\` integer DEFAULT false,
  	\`call_article_id\` text(36),
  	\`statement\` text,
  	\`outcome_published_at\` text,
  	\`outcome_article_id\` text(36),
  	\`review_status\` text DEFAULT 'draft',
  	\`created_by_id\` text(36),
  	\`submitted_at\` text,
  	\`approved_at\` text,
  	\`approved_by_id\` text(36),
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`community_id\`) REFERENCES \`communities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`office_id\`) REFERENCES \`offices\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`cover_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`call_article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`outcome_article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`created_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`approved_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`consultation_topics_community_idx\` ON \`consultation_topics\` (\`community_id\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_office_idx\` ON \`consultation_topics\` (\`office_id\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_opens_on_idx\` ON \`consultation_topics\` (\`opens_on\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_closes_on_idx\` ON \`consultation_topics\` (\`closes_on\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_keyword_idx\` ON \`consultation_topics\` (\`keyword\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_cover_idx\` ON \`consultation_topics\` (\`cover_id\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_call_article_idx\` ON \`consultation_topics\` (\`call_article_id\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_outcome_published_at_idx\` ON \`consultation_topics\` (\`outcome_published_at\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_outcome_article_idx\` ON \`consultation_topics\` (\`outcome_article_id\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_review_status_idx\` ON \`consultation_topics\` (\`review_status\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_created_by_idx\` ON \`consultation_topics\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_approved_at_idx\` ON \`consultation_topics\` (\`approved_at\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_approved_by_idx\` ON \`consultation_topics\` (\`approved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_updated_at_idx\` ON \`consultation_topics\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_created_at_idx\` ON \`consultation_topics\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`consultation_topics_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`media_id\` text(36),
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`consultation_topics\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`consultation_topics_rels_order_idx\` ON \`consultation_topics_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_rels_parent_idx\` ON \`consultation_topics_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_rels_path_idx\` ON \`consultation_topics_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`consultation_topics_rels_media_id_idx\` ON \`consultation_topics_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE TABLE \`consultation_submissions\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`topic_id\` text(36) NOT NULL,
  	\`office_id\` text(36),
  	\`community_id\` text(36),
  	\`account_id\` text(36),
  	\`openid\` text NOT NULL,
  	\`openid_masked\` text,
  	\`fingerprint\` text NOT NULL,
  	\`source\` text NOT NULL,
  	\`body\` text NOT NULL,
  	\`excerpt\` text,
  	\`name\` text,
  	\`name_masked\` text,
  	\`phone\` text,
  	\`phone_masked\` text,
  	\`status\` text DEFAULT 'pending' NOT NULL,
  	\`received_at\` text NOT NULL,
  	\`received_on\` text NOT NULL,
  	\`reply_deadline\` text,
  	\`deadline_warning\` text,
  	\`rejection_reason\` text,
  	\`reply\` text,
  	\`answered_at\` text,
  	\`moderated_by_id\` text(36),
  	\`moderated_at\` text,
  	\`outcome_told_at\` text,
  	\`personal_data_cleared_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`topic_id\`) REFERENCES \`consultation_topics\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`office_id\`) REFERENCES \`offices\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`community_id\`) REFERENCES \`communities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`moderated_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`consultation_submissions_topic_idx\` ON \`consultation_submissions\` (\`topic_id\`);`)
  await db.run(sql`CREATE INDEX \`consultation_submissions_office_idx\` ON \`consultation_submissions\` (\`office_id\`);`)
  await db.run(sql`CREATE INDEX \`consultation_submissions_community_idx\` ON \`consultation_submissions\` (\`community_id\`);`)
  await db.run(sql`CREATE INDEX \`consultation_submissions_account_idx\` ON \`consultation_submissions\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`consultation_submissions_openid_idx\` ON \`consultation_submissions\` (\`openid\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`consultation_submissions_fingerprint_idx\` ON \`consultation_submissions\` (\`fingerprint\`);`)
  await db.run(sql`CREATE INDEX \`consultation_submissions_status_idx\` ON \`consultation_submissions\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`consultation_submissions_received_at_idx\` ON \`consultation_submissions\` (\`received_at\`);`)
  await db.run(sql`CREATE INDEX \`consultation_submissions_reply_deadline_idx\` ON \`consultation_submissions\` (\`reply_deadline\`);`)
  await db.run(sql`CREATE INDEX \`consultation_submissions_moderated_by_idx\` ON \`consultation_submissions\` (\`moderated_by_id\`);`)
  await db.run(sql`CREATE INDEX \`consultation_submissions_personal_data_cleared_at_idx\` ON \`consultation_submissions\` (\`personal_data_cleared_at\`);`)
  await db.run(sql`CREATE INDEX \`consultation_submissions_updated_at_idx\` ON \`consultation_submissions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`consultation_submissions_created_at_idx\` ON \`consultation_submissions\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`consultation_submissions_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`consultation_photos_id\` text(36),
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`consultation_submissions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`consultation_photos_id\`) REFERENCES \`consultation_photos\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`consultation_submissions_rels_order_idx\` ON \`consultation_submissions_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`consultation_submissions_rels_parent_idx\` ON \`consultation_submissions_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`consultation_submissions_rels_path_idx\` ON \`consultation_submissions_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`consultation_submissions_rels_consultation_photos_id_idx\` ON \`consultation_submissions_rels\` (\`consultation_photos_id\`);`)
  await db.run(sql`CREATE TABLE \`consultation_photos\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`submission_id\` text(36),
  	\`original_format\` text,
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
  	FOREIGN KEY (\`submission_id\`) REFERENCES \`consultation_submissions\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`consultation_photos_submission_idx\` ON \`consultation_photos\` (\`submission_id\`);`)
  await db.run(sql`CREATE INDEX \`consultation_photos_updated_at_idx\` ON \`consultation_photos\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`consultation_photos_created_at_idx\` ON \`consultation_photos\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`consultation_photos_filename_idx\` ON \`consultation_photos\` (\`filename\`);`)
  await db.run(sql`CREATE TABLE \`rating_settings\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`rectification_days\` numeric DEFAULT 5,
  	\`retention_days\` numeric DEFAULT 180,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`CREATE TABLE \`rating_settings_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`rating_settings\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`rating_settings_texts_order_parent\` ON \`rating_settings_texts\` (\`order\`,\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`consultation_settings\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`reply_working_days\` numeric DEFAULT 5,
  	\`max_per_hour\` numeric DEFAULT 5,
  	\`max_per_day\` numeric DEFAULT 20,
  	\`retention_days\` numeric DEFAULT 365,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`ALTER TABLE \`offices\` ADD \`head_id\` text(36) REFERENCES users(id);`)
  await db.run(sql`CREATE INDEX \`offices_head_idx\` ON \`offices\` (\`head_id\`);`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`resident_templates_outcome_published\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`staff_templates_new_suggestion\` text;`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`ratings_id\` text(36) REFERENCES ratings(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`rectifications_id\` text(36) REFERENCES rectifications(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`rectification_steps_id\` text(36) REFERENCES rectification_steps(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`consultation_topics_id\` text(36) REFERENCES consultation_topics(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`consultation_submissions_id\` text(36) REFERENCES consultation_submissions(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`consultation_photos_id\` text(36) REFERENCES consultation_photos(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_ratings_id_idx\` ON \`payload_locked_documents_rels\` (\`ratings_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_rectifications_id_idx\` ON \`payload_locked_documents_rels\` (\`rectifications_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_rectification_steps_id_idx\` ON \`payload_locked_documents_rels\` (\`rectification_steps_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_consultation_topics_id_idx\` ON \`payload_locked_documents_rels\` (\`consultation_topics_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_consultation_submissions_i_idx\` ON \`payload_locked_documents_rels\` (\`consultation_submissions_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_consultation_photos_id_idx\` ON \`payload_locked_documents_rels\` (\`consultation_photos_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`ratings\`;`)
  await db.run(sql`DROP TABLE \`ratings_texts\`;`)
  await db.run(sql`DROP TABLE \`rectifications\`;`)
  await db.run(sql`DROP TABLE \`rectifications_texts\`;`)
  await db.run(sql`DROP TABLE \`rectification_steps\`;`)
  await db.run(sql`DROP TABLE \`consultation_topics_milestones\`;`)
  await db.run(sql`DROP TABLE \`consultation_topics_review_history\`;`)
  await db.run(sql`DROP TABLE \`consultation_topics\`;`)
  await db.run(sql`DROP TABLE \`consultation_topics_rels\`;`)
  await db.run(sql`DROP TABLE \`consultation_submissions\`;`)
  await db.run(sql`DROP TABLE \`consultation_submissions_rels\`;`)
  await db.run(sql`DROP TABLE \`consultation_photos\`;`)
  await db.run(sql`DROP TABLE \`rating_settings\`;`)
  await db.run(sql`DROP TABLE \`rating_settings_texts\`;`)
  await db.run(sql`DROP TABLE \`consultation_settings\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_offices\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`place\` text,
  	\`phone\` text,
  	\`daily_list_sent_on\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`INSERT INTO \`__new_offices\`("id", "name", "place", "phone", "daily_list_sent_on", "updated_at", "created_at") SELECT "id", "name", "place", "phone", "daily_list_sent_on", "updated_at", "created_at" FROM \`offices\`;`)
  await db.run(sql`DROP TABLE \`offices\`;`)
  await db.run(sql`ALTER TABLE \`__new_offices\` RENAME TO \`offices\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE UNIQUE INDEX \`offices_name_idx\` ON \`offices\` (\`name\`);`)
  await db.run(sql`CREATE INDEX \`offices_updated_at_idx\` ON \`offices\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`offices_created_at_idx\` ON \`offices\` (\`created_at\`);`)
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
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "articles_id", "policy_explainers_id", "community_news_id", "service_guides_id", "media_id", "documents_id", "offices_id", "booking_rules_id", "appointments_id", "matter_steps_id", "slot_seats_id", "communities_id", "users_id", "notifications_id", "wechat_accounts_id", "weekly_pushes_id", "push_steps_id", "pending_mass_results_id", "wechat_tokens_id", "wechat_uploads_id", "wechat_inbound_id", "resident_messages_id", "resident_media_id", "auto_replies_id", "followers_id", "resident_notices_id", "menu_clicks_id", "menu_click_log_id", "binding_codes_id") SELECT "id", "order", "parent_id", "path", "articles_id", "policy_explainers_id", "community_news_id", "service_guides_id", "media_id", "documents_id", "offices_id", "booking_rules_id", "appointments_id", "matter_steps_id", "slot_seats_id", "communities_id", "users_id", "notifications_id", "wechat_accounts_id", "weekly_pushes_id", "push_steps_id", "pending_mass_results_id", "wechat_tokens_id", "wechat_uploads_id", "wechat_inbound_id", "resident_messages_id", "resident_media_id", "auto_replies_id", "followers_id", "resident_notices_id", "menu_clicks_id", "menu_click_log_id", "binding_codes_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
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
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`resident_templates_outcome_published\`;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`staff_templates_new_suggestion\`;`)
}
