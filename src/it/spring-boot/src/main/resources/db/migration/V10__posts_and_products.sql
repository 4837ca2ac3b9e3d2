-- The application's own tables, after the library's migrations (from V1): its posts and products, and for each
-- the link and count tables the library gives (TaggedRepository.ddl()), which its schema check verifies at start.

CREATE TABLE post (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    title VARCHAR(200) NOT NULL,
    body TEXT,
    author VARCHAR(100),
    published_at DATETIME(6),
    version INT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE product (
    id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    sku VARCHAR(40) NOT NULL,
    price DECIMAL(10, 2) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE post_tag (
    post_id BIGINT NOT NULL,
    tag_id INT NOT NULL,
    PRIMARY KEY (post_id, tag_id),
    KEY ix_post_tag_tag (tag_id, post_id),
    CONSTRAINT fk_post_tag_owner FOREIGN KEY (post_id) REFERENCES post (id) ON DELETE CASCADE,
    CONSTRAINT fk_post_tag_tag FOREIGN KEY (tag_id) REFERENCES tag (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE post_tag_count (
    tag_id INT NOT NULL,
    tagged INT NOT NULL,
    PRIMARY KEY (tag_id),
    KEY ix_post_tag_count_tagged (tagged, tag_id),
    CONSTRAINT fk_post_tag_count_tag FOREIGN KEY (tag_id) REFERENCES tag (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE product_tag (
    product_id INT NOT NULL,
    tag_id INT NOT NULL,
    PRIMARY KEY (product_id, tag_id),
    KEY ix_product_tag_tag (tag_id, product_id),
    CONSTRAINT fk_product_tag_owner FOREIGN KEY (product_id) REFERENCES product (id) ON DELETE CASCADE,
    CONSTRAINT fk_product_tag_tag FOREIGN KEY (tag_id) REFERENCES tag (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE product_tag_count (
    tag_id INT NOT NULL,
    tagged INT NOT NULL,
    PRIMARY KEY (tag_id),
    KEY ix_product_tag_count_tagged (tagged, tag_id),
    CONSTRAINT fk_product_tag_count_tag FOREIGN KEY (tag_id) REFERENCES tag (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
