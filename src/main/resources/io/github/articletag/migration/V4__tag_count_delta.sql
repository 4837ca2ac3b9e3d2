-- Changes to the kept counts not yet folded into them (tag.article_count for articles, <links>_count.tagged for
-- an application's tagged type, named by its link table in `counted`): a tag's count is the kept one plus its
-- changes here. A writer adds its change to one of 16 rows per tag and type (`stripe`, from its connection), so
-- that writers of one popular tag do not queue on one row; the library folds the changes into the counts in the
-- background. Why: src/docs/tagging.md, "Tag counts".

CREATE TABLE IF NOT EXISTS tag_count_delta (
    tag_id INT NOT NULL,
    counted VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    stripe TINYINT UNSIGNED NOT NULL,
    delta INT NOT NULL,
    PRIMARY KEY (tag_id, counted, stripe),
    KEY ix_tag_count_delta_counted (counted, tag_id),
    CONSTRAINT fk_tag_count_delta_tag FOREIGN KEY (tag_id) REFERENCES tag (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
