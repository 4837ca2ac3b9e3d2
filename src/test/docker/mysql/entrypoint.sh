#!/bin/sh
# Honors the environment of the official mysql image: MYSQL_DATABASE, MYSQL_USER, MYSQL_PASSWORD,
# MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD, MYSQL_RANDOM_ROOT_PASSWORD. Users and the database are made
# by an --init-file, which the server runs before it accepts connections, so a client never sees a server
# without them. Extra arguments go to mysqld, as with the official image.
set -eu
datadir=/var/lib/mysql
if [ -n "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
  MYSQL_ROOT_PASSWORD=$(head -c 24 /dev/urandom | base64)
elif [ -z "${MYSQL_ROOT_PASSWORD:-}" ] && [ -z "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" ]; then
  echo "entrypoint: set MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD" >&2
  exit 1
fi
sql_string() { printf "%s" "$1" | sed "s/\\\\/\\\\\\\\/g; s/'/\\\\'/g"; }
sql_name() { printf "%s" "$1" | sed 's/`/``/g'; }
# Not echo: dash's echo would turn the doubled backslashes back into single ones.
line() { printf '%s\n' "$*"; }

if [ ! -d "$datadir/mysql" ]; then
  mysqld --initialize-insecure --user=mysql --datadir="$datadir"
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
exec mysqld --init-file="$init" "$@"
