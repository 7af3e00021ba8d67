-- Library at scale: the filters and sorts that do not go through the full-text index, and the duplicate checks
-- of bulk import (same source URL), use these instead of scanning 100,000 rows.
CREATE INDEX article_source_url_idx ON article (source_url);
CREATE INDEX article_source_name_idx ON article (source_name);
CREATE INDEX article_published_at_idx ON article (published_at);
CREATE INDEX article_block_article_idx ON article_block (article_id, kind);
