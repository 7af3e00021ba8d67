-- Import at depth: where each removed fragment stood among the kept blocks (so "Restore" puts it back in place),
-- and a lookup index for duplicate detection by source link.

ALTER TABLE removed_block ADD COLUMN next_block INT;

CREATE INDEX article_source_url_idx ON article (source_url);
CREATE INDEX removed_block_article_idx ON removed_block (article_id);
