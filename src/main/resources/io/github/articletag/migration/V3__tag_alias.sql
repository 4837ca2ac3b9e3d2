-- Synonyms: a name merged away (TagRepository.merge) or given as an alias (addAlias) keeps leading to the tag
-- it names, so that tagging by the old name reaches the kept tag instead of creating the old one again.
-- name_key is the alias's identity under the tag rule (Tag.keyOf), byte for byte like tag.name_key; no key is
-- both a tag's and an alias's (the library checks both ways, with locking reads). The aliases go with their
-- tag. Why each choice: README.md, "Synonyms".

CREATE TABLE IF NOT EXISTS tag_alias (
    name_key VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    name VARCHAR(50) NOT NULL,
    tag_id INT NOT NULL,
    PRIMARY KEY (name_key),
    CONSTRAINT fk_tag_alias_tag FOREIGN KEY (tag_id) REFERENCES tag (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
