#!/usr/bin/env bash
# 一条命令升级（在服务器上以 root 运行：sudo /srv/street-cms/deploy/upgrade.sh）：
#   备份（系统仍在运行）→ 拉取代码 → 停止服务 → npm ci → 构建 → 迁移与公众号准备 → 启动服务 → 检查。
# 任何一步出错立即停止，并说明停在哪一步、服务处于什么状态、怎样回退（docs/运维手册.md「升级」）。
#
# Settings (environment): APP_DIR (default /srv/street-cms), APP_USER (street-cms), BRANCH (main),
# SKIP_BACKUP=1 (only when a backup was just made by hand).
set -Eeuo pipefail

APP_DIR="${APP_DIR:-/srv/street-cms}"
APP_USER="${APP_USER:-street-cms}"
BRANCH="${BRANCH:-main}"
TARGET=street-cms.target
STEP='开始'
STOPPED=0

fail() {
  local code=$?
  echo "✗ 升级在「${STEP}」这一步失败（退出码 ${code}），后面的步骤没有执行。" >&2
  if [ "$STOPPED" = 1 ]; then
    echo "  服务已停止。回退：cd ${APP_DIR} && sudo -u ${APP_USER} git checkout ${PREVIOUS:-<原版本>} && 重新运行本脚本（SKIP_BACKUP=1）；若迁移已执行，再按运维手册用刚才的备份恢复。" >&2
  else
    echo "  服务仍在运行旧版本，未受影响。" >&2
  fi
  exit "$code"
}
trap fail ERR

step() {
  STEP="$1"
  echo "▶ $1"
}

# Commands as the service's user, in the project folder, with its .env.
as_app() {
  if [ "$(id -un)" = "$APP_USER" ]; then
    (cd "$APP_DIR" && "$@")
  else
    sudo -u "$APP_USER" -H bash -c 'cd "$0" && exec "$@"' "$APP_DIR" "$@"
  fi
}

if [ "$(id -u)" != 0 ]; then
  echo "✗ 请用 root 运行（sudo $0）：需要停止和启动 systemd 服务。" >&2
  exit 2
fi
cd "$APP_DIR"

DATABASE_URI="$(sed -n 's/^DATABASE_URI=//p' .env 2>/dev/null | tail -1 | tr -d '"'"'"'')"
if [ "${SKIP_BACKUP:-0}" != 1 ]; then
  if [[ "$DATABASE_URI" == mongodb* ]]; then
    step '备份 MongoDB（mongodump）和上传文件'
    BACKUP_DIR="$(sed -n 's/^BACKUP_DIR=//p' .env | tail -1)"
    BACKUP_DIR="${BACKUP_DIR:-data/backups}"
    STAMP="$(TZ=Asia/Shanghai date +%Y%m%d-%H%M%S)"
    as_app mkdir -p "$BACKUP_DIR"
    as_app mongodump --uri="$DATABASE_URI" --gzip --archive="$BACKUP_DIR/mongo-$STAMP.archive.gz"
    as_app tar -czf "$BACKUP_DIR/media-$STAMP.tar.gz" --ignore-failed-read data/media data/documents data/resident-media data/consultation-photos
  else
    step '备份（npm run backup，系统仍在运行）'
    as_app npm run backup
  fi
fi

PREVIOUS="$(as_app git rev-parse HEAD)"
step "拉取代码（${BRANCH}）"
as_app git fetch --quiet origin "$BRANCH"
as_app git merge --ff-only "origin/$BRANCH"
if [ "$(as_app git rev-parse HEAD)" = "$PREVIOUS" ]; then
  echo "  代码没有变化（${PREVIOUS:0:10}）；继续以重新安装和构建。"
fi

step '停止服务'
STOPPED=1
systemctl stop "$TARGET"

step '安装依赖（npm ci）'
as_app npm ci --no-audit --no-fund

step '构建管理后台（npm run build）'
as_app npm run build

step '数据库迁移与公众号准备（npm run setup）'
as_app npm run setup

step '启动服务'
systemctl start "$TARGET"
STOPPED=0

step '检查服务'
PORT="$(sed -n 's/^PORT=//p' .env | tail -1)"
for attempt in $(seq 1 30); do
  if curl -fsS -o /dev/null "http://127.0.0.1:${PORT:-3000}/admin/login"; then
    for unit in admin callback worker; do
      systemctl is-active --quiet "street-cms-$unit.service" || { echo "✗ street-cms-$unit 没有运行：journalctl -u street-cms-$unit；日志 /var/log/street-cms/$unit.log" >&2; exit 1; }
    done
    echo "✓ 升级完成：$(as_app git log -1 --format='%h %s')（原版本 ${PREVIOUS:0:10}）"
    exit 0
  fi
  sleep 2
done
echo "✗ 服务已启动，但 60 秒内管理后台没有应答：请看 /var/log/street-cms/admin.log" >&2
exit 1
