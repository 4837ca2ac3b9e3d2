-- How many articles carry each tag, kept with the tag, so that the most used tags are an index range instead of
-- a count over every link. Every library path that adds or removes links keeps it exact in the same
-- transaction; TagRepository.recount() repairs it after links written behind the library's back. INVISIBLE,
-- like name_key, so that "select * from tag" still shows (id, name). The index serves "most used first".
-- Why each choice: README.md, "Tag counts".

ALTER TABLE tag
    ADD COLUMN article_count INT NOT NULL DEFAULT 0 INVISIBLE,
    ADD INDEX ix_tag_article_count (article_count, id);

UPDATE tag SET article_count = (SELECT COUNT(*) FROM article_tag l WHERE l.tag_id = tag.id);
