-- The schema of the article/tag library, for MySQL 8.0.23+ (tested on 9.7) and MariaDB 10.11+ alike.
-- Flyway runs it as version 1; Database.createSchema() runs the same statements, so that the tables a
-- migration makes and the tables the library makes are one and the same. IF NOT EXISTS: a table that is
-- already there, with its rows, is left alone.
-- Why each choice: README.md, "The mapping".

CREATE TABLE IF NOT EXISTS article (
    id INT NOT NULL AUTO_INCREMENT,
    title VARCHAR(50) NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- name_key: the tag's identity (Tag.keyOf), byte for byte. INVISIBLE keeps "select * from tag" at (id, name);
-- MariaDB wants a default on an invisible NOT NULL column, which the library never relies on.
CREATE TABLE IF NOT EXISTS tag (
    id INT NOT NULL AUTO_INCREMENT,
    name VARCHAR(50) NOT NULL,
    name_key VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '' INVISIBLE,
    PRIMARY KEY (id),
    CONSTRAINT uk_tag_name_key UNIQUE (name_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE IF NOT EXISTS article_tag (
    article_id INT NOT NULL,
    tag_id INT NOT NULL,
    PRIMARY KEY (article_id, tag_id),
    CONSTRAINT fk_article_tag_article FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE,
    CONSTRAINT fk_article_tag_tag FOREIGN KEY (tag_id) REFERENCES tag (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
