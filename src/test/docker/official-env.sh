# Shared by the images' entrypoints: the environment of the official mysql image, as SQL for an --init-file.
# MYSQL_DATABASE, MYSQL_USER, MYSQL_PASSWORD, MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD and
# MYSQL_RANDOM_ROOT_PASSWORD mean what they mean there.

sql_string() { printf "%s" "$1" | sed "s/\\\\/\\\\\\\\/g; s/'/\\\\'/g"; }
sql_name() { printf "%s" "$1" | sed 's/`/``/g'; }
# Not echo: dash's echo would turn the doubled backslashes back into single ones.
line() { printf '%s\n' "$*"; }

# Exits unless a root password (or the explicit lack of one) was chosen, as the official image does.
require_root_password() {
  if [ -n "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
    MYSQL_ROOT_PASSWORD=$(head -c 24 /dev/urandom | base64)
  elif [ -z "${MYSQL_ROOT_PASSWORD:-}" ] && [ -z "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" ]; then
    echo "entrypoint: set MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD" >&2
    exit 1
  fi
}

# Writes the users and the database to FILE, readable by the server only.
write_init_file() {
  {
    # Not in the binary log, as with the official image: a server that joins a replication group must not
    # carry transactions of its own.
    line "SET SESSION sql_log_bin = 0;"
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
  } > "$1"
  chown mysql "$1"
  chmod 600 "$1"
}
