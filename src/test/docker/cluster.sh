#!/usr/bin/env bash
# A MySQL Group Replication group (what InnoDB Cluster runs) of three members from the MySQL test image, with
# MySQL Router in front, on Docker networks of their own and published on loopback only:
#   members gr1..gr3 on 127.0.0.1:3311..3313, Router's read-write port on 127.0.0.1:6446, read-only on 6447.
#   cluster.sh up [IMAGE]    starts it, single-primary, gr1 the primary; prints the settings to use
#   cluster.sh down          removes it
# and the faults of a real cluster, for the fault tests (each waits until the fault is in place):
#   cluster.sh primary                 the member the group elected, as the group reports it
#   cluster.sh partition MEMBER        cuts MEMBER off from the other members (Router still reaches it)
#   cluster.sh isolate MEMBER          cuts MEMBER off from the other members and from Router
#   cluster.sh heal MEMBER             undoes either, and brings MEMBER back into the group
#   cluster.sh pause|resume MEMBER     freezes MEMBER's processes (docker pause), and thaws and rejoins it
#   cluster.sh crash|restart MEMBER    kills MEMBER's mysqld, and starts it and rejoins it
#   cluster.sh restart-router          restarts Router
#   cluster.sh whole                   waits until all three members are ONLINE
# CLUSTER_MODE=multi-primary starts the group in multi-primary mode with
# group_replication_enforce_update_everywhere_checks=ON instead (every member takes writes).
# The application user is CLUSTER_USER (default articletag) with CLUSTER_PASSWORD on database first_sqlalchemy.
#
# Group traffic (port 33061) runs on a network of its own, articletag-gr-group, where the members are
# gr1-group..gr3-group; clients and Router reach them as gr1..gr3 on articletag-gr. A partition cuts the first only.
# Router routes by the group's own view (its metadata cache): MySQL Shell, which would write the InnoDB Cluster
# metadata Router reads, is not packaged by Debian, so router/metadata.sql creates it and this script registers
# the group, its members and the router in it. The guide's cluster page (src/docs/cluster.md) explains the settings below.
set -euo pipefail
action=${1:?usage: cluster.sh up [IMAGE] | down | primary | partition|isolate|heal|pause|resume|crash|restart MEMBER | restart-router | whole}
network=articletag-gr
group_network=articletag-gr-group
members=(gr1 gr2 gr3)
weights=(90 70 50)
user=${CLUSTER_USER:-articletag}
here=$(cd "$(dirname "$0")" && pwd)

# Router's configuration files, mounted into its container.
files=/tmp/articletag-gr
down() {
  docker rm -f "${members[@]}" gr-router >/dev/null 2>&1 || true
  docker network rm "$network" "$group_network" >/dev/null 2>&1 || true
  rm -rf "$files"
}
# The root password is the members' own (docker inspect), so that the fault commands need no state of their own.
root_password() {
  docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' gr1 | sed -n 's/^MYSQL_ROOT_PASSWORD=//p'
}
sql() { docker exec -e MYSQL_PWD="$(root_password)" "$1" mysql -uroot -N -e "$2"; }
# The group is whole when every member reports all three ONLINE: a member just thawed may still hold its old view.
whole_now() {
  local name count
  for name in "${members[@]}"; do
    count=$(sql "$name" "SELECT COUNT(*) FROM performance_schema.replication_group_members WHERE MEMBER_STATE = 'ONLINE'" \
      2>/dev/null) || return 1
    [ "$count" = 3 ] || return 1
  done
}
# Waits until the group is whole; with a member given, brings it back first: mysqld answering, then out of the
# group it had to leave (ERROR, or never started after a restart) and into it again.
whole() {
  local failure=
  for _ in $(seq 120); do
    whole_now && return
    if [ -n "${1:-}" ]; then
      state=$(sql "$1" "SELECT MEMBER_STATE FROM performance_schema.replication_group_members
        WHERE MEMBER_ID = @@server_uuid" 2>/dev/null) || state=unanswered
      case "$state" in
        ERROR|OFFLINE|"") failure=$(sql "$1" "STOP GROUP_REPLICATION; START GROUP_REPLICATION;" 2>&1) || true ;;
      esac
    fi
    sleep 1
  done
  echo "the group is not whole after 120 s${1:+; $1 is $state${failure:+, its last START GROUP_REPLICATION said: $failure}}" >&2
  exit 1
}
case "$action" in
  down) down; exit 0 ;;
  primary)
    for name in "${members[@]}"; do
      sql "$name" "SELECT MEMBER_HOST FROM performance_schema.replication_group_members WHERE MEMBER_ROLE = 'PRIMARY'
        AND MEMBER_STATE = 'ONLINE'" 2>/dev/null | head -1 | grep . && exit 0
    done
    exit 1 ;;
  partition) docker network disconnect "$group_network" "${2:?member}"; exit 0 ;;
  isolate) docker network disconnect "$group_network" "${2:?member}"; docker network disconnect "$network" "$2"; exit 0 ;;
  heal)
    docker network inspect "$group_network" -f '{{range .Containers}}{{.Name}} {{end}}' | grep -qw "${2:?member}" \
      || docker network connect --alias "$2-group" "$group_network" "$2"
    docker network inspect "$network" -f '{{range .Containers}}{{.Name}} {{end}}' | grep -qw "$2" \
      || docker network connect "$network" "$2"
    whole "$2"; exit 0 ;;
  pause) docker pause "${2:?member}" >/dev/null; exit 0 ;;
  resume) docker unpause "${2:?member}" >/dev/null; whole "$2"; exit 0 ;;
  crash) docker kill "${2:?member}" >/dev/null; exit 0 ;;
  restart) docker start "${2:?member}" >/dev/null; whole "$2"; exit 0 ;;
  restart-router) docker restart gr-router >/dev/null; exit 0 ;;
  whole) whole; exit 0 ;;
  up) ;;
  *) echo "unknown action $action" >&2; exit 2 ;;
esac

image=${2:-local/mysql:9.7-debian}
: "${CLUSTER_PASSWORD:?set CLUSTER_PASSWORD}"
down
docker network create "$network" >/dev/null
docker network create "$group_network" >/dev/null
new_root_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
recovery_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
router_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
group=$(cat /proc/sys/kernel/random/uuid)
seeds=gr1-group:33061,gr2-group:33061,gr3-group:33061
mode_options=()
primary_mode=pm
if [ "${CLUSTER_MODE:-single-primary}" = multi-primary ]; then
  primary_mode=mm
  mode_options=(--group-replication-single-primary-mode=OFF --group-replication-enforce-update-everywhere-checks=ON)
fi
for i in 0 1 2; do
  name=${members[$i]}
  # A member is read-only until the group makes it primary: one that restarts, or fails to rejoin, never takes a
  # write of its own (a crashed primary restarted writable took writes Router still sent it, and could not rejoin).
  # One cut off from the majority gives up after 5 s (rolling back what waits for the group) instead of holding
  # its callers forever; one expelled stays out, read-only, until an operator rejoins it (the default three
  # auto-rejoin attempts, five minutes apart, would keep it out for fifteen minutes).
  docker create --name "$name" --hostname "$name" --network "$network" -p "127.0.0.1:331$((i + 1)):3306" \
    -e MYSQL_ROOT_PASSWORD="$new_root_password" "$image" \
    --server-id=$((i + 1)) --gtid-mode=ON --enforce-gtid-consistency=ON --super-read-only=ON \
    --plugin-load-add=group_replication.so --group-replication-group-name="$group" \
    --group-replication-local-address="$name-group:33061" --group-replication-group-seeds="$seeds" \
    --group-replication-ip-allowlist=AUTOMATIC --group-replication-start-on-boot=OFF \
    --group-replication-member-weight="${weights[$i]}" --group-replication-member-expel-timeout=0 \
    --group-replication-unreachable-majority-timeout=5 --group-replication-autorejoin-tries=0 \
    --group-replication-exit-state-action=READ_ONLY \
    --group-replication-consistency=BEFORE_ON_PRIMARY_FAILOVER "${mode_options[@]}" \
    --report-host="$name" >/dev/null
  docker network connect --alias "$name-group" "$group_network" "$name"
  docker start "$name" >/dev/null
done
for name in "${members[@]}"; do
  for _ in $(seq 60); do sql "$name" "SELECT 1" >/dev/null 2>&1 && break; sleep 1; done
  sql "$name" "SET GLOBAL super_read_only = OFF; SET SESSION sql_log_bin = 0;
    CREATE USER 'recovery'@'%' IDENTIFIED BY '$recovery_password';
    GRANT REPLICATION SLAVE, CONNECTION_ADMIN, BACKUP_ADMIN, GROUP_REPLICATION_STREAM ON *.* TO 'recovery'@'%';
    SET SESSION sql_log_bin = 1;
    CHANGE REPLICATION SOURCE TO SOURCE_USER = 'recovery', SOURCE_PASSWORD = '$recovery_password'
      FOR CHANNEL 'group_replication_recovery';
    SET GLOBAL super_read_only = ON;"
done
sql gr1 "SET GLOBAL group_replication_bootstrap_group = ON; START GROUP_REPLICATION;
  SET GLOBAL group_replication_bootstrap_group = OFF;"
sql gr1 "CREATE DATABASE first_sqlalchemy;
  CREATE USER '$user'@'%' IDENTIFIED BY '$CLUSTER_PASSWORD';
  GRANT ALL ON first_sqlalchemy.* TO '$user'@'%';
  GRANT SELECT ON performance_schema.* TO '$user'@'%';"
sql gr2 "START GROUP_REPLICATION;"
sql gr3 "START GROUP_REPLICATION;"
whole

# The group's own view for Router: the metadata schema, this group in it, and the router's account.
docker exec -i -e MYSQL_PWD="$(root_password)" gr1 mysql -uroot < "$here/router/metadata.sql"
instances=()
for i in 0 1 2; do
  name=${members[$i]}
  uuid=$(sql "$name" "SELECT @@server_uuid")
  instances+=("(@cluster, '$name:3306', '$uuid', '$name:3306', JSON_OBJECT('mysqlClassic', '$name:3306',
    'mysqlX', '$name:33060', 'grLocal', '$name-group:33061'), JSON_OBJECT('server_id', $((i + 1))), 'group-member')")
done
sql gr1 "SET @cluster = UUID();
  INSERT INTO mysql_innodb_cluster_metadata.clusters (cluster_id, cluster_name, description, cluster_type,
    primary_mode, attributes, options, router_options)
  VALUES (@cluster, 'articletag', 'made by cluster.sh', 'gr', '$primary_mode',
    JSON_OBJECT('adopted', 1, 'group_replication_group_name', '$group'), '{}', '{}');
  INSERT INTO mysql_innodb_cluster_metadata.instances (cluster_id, address, mysql_server_uuid, instance_name,
    addresses, attributes, instance_type) VALUES $(IFS=,; echo "${instances[*]}");
  INSERT INTO mysql_innodb_cluster_metadata.routers (router_id, router_name, product_name, address, cluster_id,
    attributes, options) VALUES (1, 'gr-router', 'MySQL Router', 'gr-router', @cluster, '{}', '{}');
  CREATE USER 'router'@'%' IDENTIFIED BY '$router_password';
  GRANT SELECT, EXECUTE ON mysql_innodb_cluster_metadata.* TO 'router'@'%';
  GRANT SELECT ON performance_schema.replication_group_members TO 'router'@'%';
  GRANT SELECT ON performance_schema.replication_group_member_stats TO 'router'@'%';
  GRANT SELECT ON performance_schema.global_variables TO 'router'@'%';
  GRANT INSERT, UPDATE, DELETE ON mysql_innodb_cluster_metadata.routers TO 'router'@'%';
  GRANT INSERT, UPDATE, DELETE ON mysql_innodb_cluster_metadata.v2_routers TO 'router'@'%';"

# MySQL Router 9.7 over the metadata cache: the rw port goes to the member the group reports ONLINE and PRIMARY,
# the ro port to its ONLINE secondaries (or the primary when there are none). Members are read every 0.5 s, with
# short waits, so that a frozen member delays no refresh; a destination must accept within a second.
mkdir -p "$files"
router_conf=$files/router.conf
cat > "$router_conf" <<CONF
[DEFAULT]
logging_folder=
keyring_path=/var/lib/articletag-router/keyring
master_key_path=/var/lib/articletag-router/mysqlrouter.key
dynamic_state=/var/lib/articletag-router/state.json
[logger]
level=WARNING
[metadata_cache:articletag]
cluster_type=gr
router_id=1
user=router
metadata_cluster=articletag
ttl=0.5
connect_timeout=1
read_timeout=2
[routing:rw]
bind_address=0.0.0.0
bind_port=6446
destinations=metadata-cache://articletag/?role=PRIMARY
routing_strategy=first-available
protocol=classic
connect_timeout=1
[routing:ro]
bind_address=0.0.0.0
bind_port=6447
destinations=metadata-cache://articletag/?role=SECONDARY
routing_strategy=round-robin-with-fallback
protocol=classic
connect_timeout=1
CONF
chmod 644 "$router_conf"
router_state=$files/state.json
cat > "$router_state" <<STATE
{"version": "1.0.0", "metadata-cache": {"group-replication-id": "$group",
  "cluster-metadata-servers": ["mysql://gr1:3306", "mysql://gr2:3306", "mysql://gr3:3306"]}}
STATE
chmod 644 "$router_state"
# The metadata user's password reaches Router through its keyring only; made at the first start.
docker run -d --name gr-router --hostname gr-router --network "$network" \
  -p 127.0.0.1:6446:6446 -p 127.0.0.1:6447:6447 -e ROUTER_PASSWORD="$router_password" \
  -v "$router_conf:/etc/articletag-router.conf:ro" -v "$router_state:/etc/articletag-router-state.json:ro" \
  --entrypoint sh "$image" -c 'set -e; dir=/var/lib/articletag-router; mkdir -p $dir
    if [ ! -f $dir/keyring ]; then
      cp /etc/articletag-router-state.json $dir/state.json
      mysqlrouter_keyring init --master-key-file=$dir/mysqlrouter.key $dir/keyring
      mysqlrouter_keyring set --master-key-file=$dir/mysqlrouter.key $dir/keyring router password "$ROUTER_PASSWORD"
    fi
    exec mysqlrouter --config /etc/articletag-router.conf --user=root' >/dev/null
routed=
for _ in $(seq 30); do
  routed=$(docker exec -e MYSQL_PWD="$CLUSTER_PASSWORD" gr-router mysql -h127.0.0.1 -P6446 -u"$user" -N \
    -e "SELECT @@hostname" 2>/dev/null) && break
  sleep 1
done
[ -n "$routed" ] || { echo "Router routes nothing"; docker logs gr-router 2>&1 | tail -20; exit 1; }
echo "cluster up: write jdbc:mysql://127.0.0.1:6446/first_sqlalchemy, read jdbc:mysql://127.0.0.1:6447/first_sqlalchemy, user $user"
