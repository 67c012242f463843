import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`mode_mismatch_plain_count\` numeric;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`mode_mismatch_plain_last_seen_at\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`mode_mismatch_compatible_count\` numeric;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`mode_mismatch_compatible_last_seen_at\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`mode_mismatch_safe_count\` numeric;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` ADD \`mode_mismatch_safe_last_seen_at\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_api_errors\` ADD \`last_success_at\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_api_errors\` ADD \`last_success_endpoint\` text;`)
  await db.run(sql`ALTER TABLE \`wechat_api_errors\` ADD \`endpoint_success_at\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`mode_mismatch_plain_count\`;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`mode_mismatch_plain_last_seen_at\`;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`mode_mismatch_compatible_count\`;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`mode_mismatch_compatible_last_seen_at\`;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`mode_mismatch_safe_count\`;`)
  await db.run(sql`ALTER TABLE \`wechat_accounts\` DROP COLUMN \`mode_mismatch_safe_last_seen_at\`;`)
  await db.run(sql`ALTER TABLE \`wechat_api_errors\` DROP COLUMN \`last_success_at\`;`)
  await db.run(sql`ALTER TABLE \`wechat_api_errors\` DROP COLUMN \`last_success_endpoint\`;`)
  await db.run(sql`ALTER TABLE \`wechat_api_errors\` DROP COLUMN \`endpoint_success_at\`;`)
}
