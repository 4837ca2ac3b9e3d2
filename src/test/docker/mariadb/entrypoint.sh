#!/bin/sh
# Honors the environment of the official mysql image: MYSQL_DATABASE, MYSQL_USER, MYSQL_PASSWORD,
# MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD, MYSQL_RANDOM_ROOT_PASSWORD. The server runs with --no-defaults: Debian's
# my.cnf and anything mounted into /etc/mysql/conf.d (Testcontainers mounts a MySQL-only my.cnf there)
# are ignored, because MariaDB refuses to start on options it does not know.
set -eu
datadir=/var/lib/mysql
if [ -n "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
  MYSQL_ROOT_PASSWORD=$(head -c 24 /dev/urandom | base64)
elif [ -z "${MYSQL_ROOT_PASSWORD:-}" ] && [ -z "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" ]; then
  echo "entrypoint: set MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD, as for mysql:8.4" >&2
  exit 1
fi
sql_string() { printf "%s" "$1" | sed "s/\\\\/\\\\\\\\/g; s/'/\\\\'/g"; }
sql_name() { printf "%s" "$1" | sed 's/`/``/g'; }
# Not echo: dash's echo would turn the doubled backslashes back into single ones.
line() { printf '%s\n' "$*"; }

if [ ! -d "$datadir/mysql" ]; then
  mariadb-install-db --no-defaults --user=mysql --datadir="$datadir" \
    --auth-root-authentication-method=normal --skip-test-db >/dev/null
fi
init=/run/mysqld/init.sql
{
  root_pw=$(sql_string "${MYSQL_ROOT_PASSWORD:-}")
  line "CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '$root_pw';"
  line "ALTER USER 'root'@'%' IDENTIFIED BY '$root_pw';"
  line "ALTER USER 'root'@'localhost' IDENTIFIED BY '$root_pw';"
  line "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
  if [ -n "${MYSQL_DATABASE:-}" ]; then
    line "CREATE DATABASE IF NOT EXISTS \`$(sql_name "$MYSQL_DATABASE")\`;"
  fi
  if [ -n "${MYSQL_USER:-}" ] && [ "$MYSQL_USER" != root ]; then
    user=$(sql_string "$MYSQL_USER")
    line "CREATE USER IF NOT EXISTS '$user'@'%' IDENTIFIED BY '$(sql_string "${MYSQL_PASSWORD:-}")';"
    if [ -n "${MYSQL_DATABASE:-}" ]; then
      line "GRANT ALL ON \`$(sql_name "$MYSQL_DATABASE")\`.* TO '$user'@'%';"
    fi
  fi
} > "$init"
chown mysql "$init"
chmod 600 "$init"
# utf8mb4 by default, as MySQL 8.4 has it (MariaDB 10.11 would default to latin1).
exec mariadbd --no-defaults --user=mysql --datadir="$datadir" --socket=/run/mysqld/mysqld.sock \
  --bind-address=0.0.0.0 --port=3306 --init-file="$init" \
  --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci "$@"
