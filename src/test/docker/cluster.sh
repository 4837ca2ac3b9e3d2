#!/usr/bin/env bash
# A MySQL Group Replication group (what InnoDB Cluster runs) of three members from the MySQL test image, with
# MySQL Router in front, all on a Docker network of their own and published on loopback only:
#   members gr1..gr3 on 127.0.0.1:3311..3313, Router's read-write port on 127.0.0.1:6446, read-only on 6447.
#   cluster.sh up [IMAGE]    starts it, single-primary, gr1 the primary; prints the settings to use
#   cluster.sh down          removes it
# CLUSTER_MODE=multi-primary starts the group in multi-primary mode with
# group_replication_enforce_update_everywhere_checks=ON instead (every member takes writes).
# The application user is CLUSTER_USER (default articletag) with CLUSTER_PASSWORD on database first_sqlalchemy.
# Without InnoDB Cluster metadata (MySQL Shell is not packaged by Debian) Router routes statically: the rw route
# lists the members in the order the group elects them (group_replication_member_weight), so that it follows
# a failover.
set -euo pipefail
action=${1:?usage: cluster.sh up [IMAGE] | down}
image=${2:-local/mysql:9.7-debian}
network=articletag-gr
members=(gr1 gr2 gr3)
weights=(90 70 50)
user=${CLUSTER_USER:-articletag}

down() {
  docker rm -f "${members[@]}" gr-router >/dev/null 2>&1 || true
  docker network rm "$network" >/dev/null 2>&1 || true
}
if [ "$action" = down ]; then
  down
  exit 0
fi
: "${CLUSTER_PASSWORD:?set CLUSTER_PASSWORD}"
down
docker network create "$network" >/dev/null
root_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
recovery_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
group=$(cat /proc/sys/kernel/random/uuid)
seeds=gr1:33061,gr2:33061,gr3:33061
mode_options=()
if [ "${CLUSTER_MODE:-single-primary}" = multi-primary ]; then
  mode_options=(--group-replication-single-primary-mode=OFF --group-replication-enforce-update-everywhere-checks=ON)
fi
for i in 0 1 2; do
  name=${members[$i]}
  docker run -d --name "$name" --hostname "$name" --network "$network" -p "127.0.0.1:331$((i + 1)):3306" \
    -e MYSQL_ROOT_PASSWORD="$root_password" "$image" \
    --server-id=$((i + 1)) --gtid-mode=ON --enforce-gtid-consistency=ON \
    --plugin-load-add=group_replication.so --group-replication-group-name="$group" \
    --group-replication-local-address="$name:33061" --group-replication-group-seeds="$seeds" \
    --group-replication-ip-allowlist=AUTOMATIC --group-replication-start-on-boot=OFF \
    --group-replication-member-weight="${weights[$i]}" --group-replication-member-expel-timeout=0 \
    --group-replication-consistency=BEFORE_ON_PRIMARY_FAILOVER "${mode_options[@]}" \
    --report-host="$name" >/dev/null
done
sql() { docker exec -e MYSQL_PWD="$root_password" "$1" mysql -uroot -N -e "$2"; }
for name in "${members[@]}"; do
  for _ in $(seq 60); do sql "$name" "SELECT 1" >/dev/null 2>&1 && break; sleep 1; done
  sql "$name" "SET SESSION sql_log_bin = 0;
    CREATE USER 'recovery'@'%' IDENTIFIED BY '$recovery_password';
    GRANT REPLICATION SLAVE, CONNECTION_ADMIN, BACKUP_ADMIN, GROUP_REPLICATION_STREAM ON *.* TO 'recovery'@'%';
    SET SESSION sql_log_bin = 1;
    CHANGE REPLICATION SOURCE TO SOURCE_USER = 'recovery', SOURCE_PASSWORD = '$recovery_password'
      FOR CHANNEL 'group_replication_recovery';"
done
sql gr1 "SET GLOBAL group_replication_bootstrap_group = ON; START GROUP_REPLICATION;
  SET GLOBAL group_replication_bootstrap_group = OFF;"
sql gr1 "CREATE DATABASE first_sqlalchemy;
  CREATE USER '$user'@'%' IDENTIFIED BY '$CLUSTER_PASSWORD';
  GRANT ALL ON first_sqlalchemy.* TO '$user'@'%';
  GRANT SELECT ON performance_schema.* TO '$user'@'%';"
sql gr2 "START GROUP_REPLICATION;"
sql gr3 "START GROUP_REPLICATION;"
for _ in $(seq 90); do
  online=$(sql gr1 "SELECT COUNT(*) FROM performance_schema.replication_group_members WHERE MEMBER_STATE = 'ONLINE'")
  [ "$online" = 3 ] && break
  sleep 1
done
[ "$online" = 3 ] || { echo "the group did not come ONLINE: $online members"; exit 1; }

# MySQL Router 9.7, static routes (see above).
router_conf=$(mktemp)
cat > "$router_conf" <<CONF
[DEFAULT]
logging_folder=
[logger]
level=WARNING
[routing:rw]
bind_address=0.0.0.0
bind_port=6446
destinations=gr1:3306,gr2:3306,gr3:3306
routing_strategy=first-available
protocol=classic
[routing:ro]
bind_address=0.0.0.0
bind_port=6447
destinations=gr3:3306,gr2:3306,gr1:3306
routing_strategy=round-robin
protocol=classic
CONF
docker run -d --name gr-router --network "$network" -p 127.0.0.1:6446:6446 -p 127.0.0.1:6447:6447 \
  --entrypoint mysqlrouter -v "$router_conf:/etc/articletag-router.conf:ro" "$image" \
  --config /etc/articletag-router.conf --user=root >/dev/null
for _ in $(seq 30); do
  docker exec -e MYSQL_PWD="$CLUSTER_PASSWORD" gr-router mysql -h127.0.0.1 -P6446 -u"$user" -N \
    -e "SELECT @@hostname" >/dev/null 2>&1 && break
  sleep 1
done
echo "cluster up: write jdbc:mysql://127.0.0.1:6446/first_sqlalchemy, read jdbc:mysql://127.0.0.1:6447/first_sqlalchemy, user $user"
