-- Library at scale: lookups by outlet and date, and the one grouped query that counts a page's blocks, use these
-- instead of scanning 100,000 articles (full-text search, filters and sorts go through the Lucene index).
CREATE INDEX article_source_name_idx ON article (source_name);
CREATE INDEX article_published_at_idx ON article (published_at);
CREATE INDEX article_block_article_idx ON article_block (article_id, kind);
