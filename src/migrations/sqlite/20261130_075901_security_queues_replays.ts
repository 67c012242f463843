import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'
import { cleanStoredImages } from '../../services/media/clean-stored-files'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`binding_attempts\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`points\` numeric DEFAULT 0 NOT NULL,
  	\`expire\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`binding_attempts_key_idx\` ON \`binding_attempts\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`binding_attempts_expire_idx\` ON \`binding_attempts\` (\`expire\`);`)
  await db.run(sql`CREATE INDEX \`binding_attempts_updated_at_idx\` ON \`binding_attempts\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`binding_attempts_created_at_idx\` ON \`binding_attempts\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`wechat_inbound\` ADD \`replay_key\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_inbound\` ADD \`untrusted_body\` integer;`)
  await db.run(sql`CREATE UNIQUE INDEX \`wechat_inbound_replay_key_idx\` ON \`wechat_inbound\` (\`replay_key\`);`)
  await db.run(sql`ALTER TABLE \`resident_messages\` ADD \`community_id\` text(36) REFERENCES communities(id);`)
  await db.run(sql`CREATE INDEX \`resident_messages_community_idx\` ON \`resident_messages\` (\`community_id\`);`)
  // Messages stored before the community queues: an assigned one joins its assignee's community's
  // queue (so the community's editors keep seeing what their colleague handles); the rest go to the
  // street office's general queue.
  await db.run(sql`UPDATE \`resident_messages\` SET \`community_id\` = (SELECT \`community_id\` FROM \`users\` WHERE \`users\`.\`id\` = \`resident_messages\`.\`assignee_id\`) WHERE \`assignee_id\` IS NOT NULL;`)
  // Images stored before uploads were re-encoded still carry EXIF (GPS): cleaned in place once.
  await cleanStoredImages(payload, req)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`binding_attempts\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_resident_messages\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`sender\` text,
  	\`account_id\` text(36) NOT NULL,
  	\`openid\` text NOT NULL,
  	\`type\` text NOT NULL,
  	\`content\` text,
  	\`media\` text,
  	\`received\` text NOT NULL,
  	\`status\` text DEFAULT 'new' NOT NULL,
  	\`assignee_id\` text(36),
  	\`auto_reply_id\` text(36),
  	\`media_status\` text,
  	\`media_attempts\` numeric DEFAULT 0,
  	\`media_retry_at\` text,
  	\`media_error\` text,
  	\`inbound_key\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`account_id\`) REFERENCES \`wechat_accounts\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`assignee_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`auto_reply_id\`) REFERENCES \`auto_replies\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_resident_messages\`("id", "sender", "account_id", "openid", "type", "content", "media", "received", "status", "assignee_id", "auto_reply_id", "media_status", "media_attempts", "media_retry_at", "media_error", "inbound_key", "updated_at", "created_at") SELECT "id", "sender", "account_id", "openid", "type", "content", "media", "received", "status", "assignee_id", "auto_reply_id", "media_status", "media_attempts", "media_retry_at", "media_error", "inbound_key", "updated_at", "created_at" FROM \`resident_messages\`;`)
  await db.run(sql`DROP TABLE \`resident_messages\`;`)
  await db.run(sql`ALTER TABLE \`__new_resident_messages\` RENAME TO \`resident_messages\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`resident_messages_account_idx\` ON \`resident_messages\` (\`account_id\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_openid_idx\` ON \`resident_messages\` (\`openid\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_received_idx\` ON \`resident_messages\` (\`received\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_status_idx\` ON \`resident_messages\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_assignee_idx\` ON \`resident_messages\` (\`assignee_id\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_auto_reply_idx\` ON \`resident_messages\` (\`auto_reply_id\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_media_status_idx\` ON \`resident_messages\` (\`media_status\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_media_retry_at_idx\` ON \`resident_messages\` (\`media_retry_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`resident_messages_inbound_key_idx\` ON \`resident_messages\` (\`inbound_key\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_updated_at_idx\` ON \`resident_messages\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`resident_messages_created_at_idx\` ON \`resident_messages\` (\`created_at\`);`)
  await db.run(sql`DROP INDEX \`wechat_inbound_replay_key_idx\`;`)
  await db.run(sql`ALTER TABLE \`wechat_inbound\` DROP COLUMN \`replay_key\`;`)
  await db.run(sql`ALTER TABLE \`wechat_inbound\` DROP COLUMN \`untrusted_body\`;`)
}
