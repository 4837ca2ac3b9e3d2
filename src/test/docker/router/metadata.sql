-- The InnoDB Cluster metadata MySQL Router's metadata cache reads, for a group made without MySQL Shell (which
-- Debian does not package): the part of Shell's metadata-model-2.2.0.sql (mysql/mysql-shell,
-- modules/adminapi/common/metadata/) that Router 9.x queries, verbatim. cluster.sh fills in the cluster, its
-- members and the router. Router then routes to the member the group itself reports as primary.
CREATE DATABASE IF NOT EXISTS mysql_innodb_cluster_metadata DEFAULT CHARACTER SET utf8mb4;
USE mysql_innodb_cluster_metadata;
SET names utf8mb4;

CREATE SQL SECURITY INVOKER VIEW schema_version (major, minor, patch) AS SELECT 2, 2, 0;

CREATE TABLE clustersets (
  `clusterset_id` VARCHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci,
  `domain_name` VARCHAR(63) NOT NULL,
  `options` JSON,
  `attributes` JSON,
  `router_options` JSON,
  `topology_type` ENUM('SINGLE-PRIMARY-STAR'),
  PRIMARY KEY (`clusterset_id`)
) CHARSET = utf8mb4, ROW_FORMAT = DYNAMIC;

CREATE TABLE clusters (
  `cluster_id` CHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci,
  `cluster_name` VARCHAR(63) NOT NULL,
  `description` TEXT,
  `options` JSON,
  `attributes` JSON,
  `cluster_type` ENUM('gr', 'ar') NOT NULL,
  `primary_mode` ENUM('pm', 'mm') NOT NULL DEFAULT 'pm',
  `router_options` JSON,
  `clusterset_id` VARCHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci DEFAULT NULL,
  PRIMARY KEY(cluster_id),
  UNIQUE KEY(cluster_name)
) CHARSET = utf8mb4, ROW_FORMAT = DYNAMIC;

CREATE TABLE instances (
  `instance_id` INT UNSIGNED AUTO_INCREMENT,
  `cluster_id` CHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  `address` VARCHAR(265) CHARACTER SET ascii COLLATE ascii_general_ci,
  `mysql_server_uuid` CHAR(36) NOT NULL,
  `instance_name` VARCHAR(265) NOT NULL,
  `addresses` JSON NOT NULL,
  `attributes` JSON,
  `description` TEXT,
  `instance_type` ENUM('group-member', 'async-member', 'read-replica') NOT NULL,
  PRIMARY KEY(instance_id, cluster_id),
  FOREIGN KEY (cluster_id) REFERENCES clusters(cluster_id)
) CHARSET = utf8mb4, ROW_FORMAT = DYNAMIC;

CREATE TABLE clusterset_views (
  `clusterset_id` VARCHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  `view_id` BIGINT UNSIGNED NOT NULL,
  `topology_type` ENUM('SINGLE-PRIMARY-TREE'),
  `view_change_reason` VARCHAR(32) NOT NULL,
  `view_change_time` TIMESTAMP(6) NOT NULL,
  `view_change_info` JSON NOT NULL,
  `attributes` JSON NOT NULL,
  PRIMARY KEY (clusterset_id, view_id),
  INDEX (view_id),
  FOREIGN KEY (clusterset_id) REFERENCES clustersets (clusterset_id)
) CHARSET = utf8mb4, ROW_FORMAT = DYNAMIC;

CREATE TABLE clusterset_members (
  `clusterset_id` VARCHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  `view_id` BIGINT UNSIGNED NOT NULL,
  `cluster_id` VARCHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  `master_cluster_id` VARCHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci,
  `primary_cluster` BOOL NOT NULL,
  `attributes` JSON NOT NULL,
  PRIMARY KEY (clusterset_id, view_id, cluster_id),
  INDEX (view_id),
  INDEX (cluster_id),
  FOREIGN KEY (clusterset_id, view_id) REFERENCES clusterset_views (clusterset_id, view_id)
) CHARSET = utf8mb4, ROW_FORMAT = DYNAMIC;

CREATE TABLE routers (
  `router_id` INT UNSIGNED PRIMARY KEY AUTO_INCREMENT,
  `router_name` VARCHAR(265) NOT NULL,
  `product_name` VARCHAR(128) NOT NULL,
  `address` VARCHAR(256) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  `version` VARCHAR(12) DEFAULT NULL,
  `last_check_in` TIMESTAMP NULL DEFAULT NULL,
  `attributes` JSON,
  `cluster_id` CHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci DEFAULT NULL,
  `options` JSON DEFAULT NULL,
  `clusterset_id` VARCHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci DEFAULT NULL,
  UNIQUE KEY (address, router_name)
) CHARSET = utf8mb4, ROW_FORMAT = DYNAMIC;

CREATE SQL SECURITY INVOKER VIEW v2_clusters AS
    SELECT c.cluster_type, c.primary_mode, c.cluster_id, c.cluster_name, c.router_options
    FROM clusters c;

CREATE SQL SECURITY INVOKER VIEW v2_gr_clusters AS
    SELECT c.cluster_type, c.primary_mode, c.cluster_id as cluster_id, c.cluster_name as cluster_name,
          c.attributes->>'$.group_replication_group_name' as group_name,
          c.attributes, c.options, c.router_options, c.description as description, c.clusterset_id
    FROM clusters c
    WHERE c.cluster_type = 'gr';

CREATE SQL SECURITY INVOKER VIEW v2_instances AS
  SELECT i.instance_id, i.cluster_id, i.instance_name as label, i.mysql_server_uuid, i.address,
         i.addresses->>'$.mysqlClassic' as endpoint,
         i.addresses->>'$.mysqlX' as xendpoint,
         JSON_INSERT(i.attributes, '$.instance_type', i.instance_type) as attributes,
         i.instance_type
  FROM instances i;

CREATE SQL SECURITY INVOKER VIEW v2_cs_members AS
    SELECT (SELECT max(clusterset_views.view_id) FROM clusterset_views
            WHERE c.clusterset_id = clusterset_views.clusterset_id) view_id,
          c.clusterset_id, c.cluster_id, c.cluster_name,
          IF(csm.primary_cluster, 'PRIMARY', IF(csm.primary_cluster IS NULL, NULL, 'REPLICA')) AS member_role,
          csm.master_cluster_id,
          (csm.view_id IS NULL) AS invalidated
    FROM clusters c
    LEFT JOIN clusterset_members csm
      ON csm.clusterset_id = c.clusterset_id
          AND csm.cluster_id = c.cluster_id
          AND csm.view_id = (SELECT max(csm2.view_id) FROM clusterset_members csm2
                             WHERE csm2.clusterset_id = c.clusterset_id)
    WHERE c.clusterset_id IS NOT NULL;

CREATE SQL SECURITY INVOKER VIEW v2_this_instance AS
  SELECT i.cluster_id, i.instance_id, i.instance_type, c.cluster_name, c.cluster_type
  FROM v2_instances i
  JOIN clusters c ON i.cluster_id = c.cluster_id
  WHERE i.mysql_server_uuid = (SELECT convert(variable_value using utf8mb4) COLLATE utf8mb4_general_ci
      FROM performance_schema.global_variables WHERE variable_name = 'server_uuid');

CREATE SQL SECURITY INVOKER VIEW v2_routers AS
  SELECT r.router_id, r.cluster_id, r.router_name, r.product_name, r.address, r.version,
         r.last_check_in, r.attributes, r.options, r.clusterset_id
  FROM routers r;

CREATE SQL SECURITY INVOKER VIEW v2_router_options AS
  SELECT r.router_id, CONCAT(r.address, '::', r.router_name) as router_label, r.cluster_id, r.clusterset_id,
        JSON_MERGE_PATCH((SELECT COALESCE((SELECT router_options
                          FROM mysql_innodb_cluster_metadata.clustersets
                          WHERE clusterset_id = r.clusterset_id), '{}')),
                          (SELECT COALESCE((SELECT router_options
                           FROM mysql_innodb_cluster_metadata.clusters
                           WHERE cluster_id = r.cluster_id), '{}')),
                        COALESCE(r.options, '{}')) as router_options
  FROM mysql_innodb_cluster_metadata.routers r;
