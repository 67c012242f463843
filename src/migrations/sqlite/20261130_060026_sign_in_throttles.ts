import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`login_throttles\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`kind\` text NOT NULL,
  	\`failures\` numeric DEFAULT 0 NOT NULL,
  	\`blocked_until\` text,
  	\`last_failure_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`login_throttles_key_idx\` ON \`login_throttles\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`login_throttles_blocked_until_idx\` ON \`login_throttles\` (\`blocked_until\`);`)
  await db.run(sql`CREATE INDEX \`login_throttles_last_failure_at_idx\` ON \`login_throttles\` (\`last_failure_at\`);`)
  await db.run(sql`CREATE INDEX \`login_throttles_updated_at_idx\` ON \`login_throttles\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`login_throttles_created_at_idx\` ON \`login_throttles\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`login_attempts\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`lock_until\`;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`login_throttles\`;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`login_attempts\` numeric DEFAULT 0;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`lock_until\` text;`)
}
