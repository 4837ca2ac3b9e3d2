#!/bin/sh
# Oracle MySQL with the official image's environment (see official-env.sh). Users and the database are made by
# an --init-file, which the server runs before it accepts connections, so a client never sees a server without
# them. Extra arguments go to mysqld, as with the official image.
set -eu
. /usr/local/lib/official-env.sh
require_root_password
datadir=/var/lib/mysql
if [ ! -d "$datadir/mysql" ]; then
  mysqld --initialize-insecure --user=mysql --datadir="$datadir"
fi
write_init_file /run/mysqld/init.sql
exec mysqld --init-file=/run/mysqld/init.sql "$@"
