#!/bin/sh
# MariaDB with the official mysql image's environment (see official-env.sh). The server runs with --no-defaults:
# Debian's my.cnf and anything mounted into /etc/mysql/conf.d (Testcontainers mounts a MySQL-only my.cnf there)
# are ignored, because MariaDB refuses to start on options it does not know.
set -eu
. /usr/local/lib/official-env.sh
require_root_password
datadir=/var/lib/mysql
if [ ! -d "$datadir/mysql" ]; then
  mariadb-install-db --no-defaults --user=mysql --datadir="$datadir" \
    --auth-root-authentication-method=normal --skip-test-db >/dev/null
fi
write_init_file /run/mysqld/init.sql
# utf8mb4 by default, as MySQL has it (MariaDB 10.11 would default to latin1).
exec mariadbd --no-defaults --user=mysql --datadir="$datadir" --socket=/run/mysqld/mysqld.sock \
  --bind-address=0.0.0.0 --port=3306 --init-file=/run/mysqld/init.sql \
  --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci "$@"
