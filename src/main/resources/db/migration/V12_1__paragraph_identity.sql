-- A paragraph has an identity (issue 14): the rows that belong to one paragraph refer to its article_block.id, no
-- longer to its position, so restoring a removed fragment or reordering blocks moves nobody else's rows. Existing
-- rows are given the id of the block that stood at their position. Plain SQL that H2 and PostgreSQL both run.
-- (Translations, corrections and notes live on the block row itself; saved versions are frozen copies and keep the
-- positions they had.)

-- Highlights. One on a position its article does not have (a hand-made JSON file could name one) is kept, as an
-- orphan, on the article's last paragraph rather than dropped; only an article without blocks loses its highlights.
ALTER TABLE highlight ADD COLUMN block_id BIGINT;
UPDATE highlight SET block_id = (SELECT b.id FROM article_block b
                                 WHERE b.article_id = highlight.article_id AND b.position = highlight.block_position);
UPDATE highlight SET block_id = (SELECT b.id FROM article_block b
                                 WHERE b.article_id = highlight.article_id
                                   AND b.position = (SELECT MAX(l.position) FROM article_block l
                                                     WHERE l.article_id = highlight.article_id))
WHERE block_id IS NULL;
DELETE FROM highlight WHERE block_id IS NULL;
ALTER TABLE highlight ALTER COLUMN block_id SET NOT NULL;
ALTER TABLE highlight ADD CONSTRAINT highlight_block_fk FOREIGN KEY (block_id)
    REFERENCES article_block (id) ON DELETE CASCADE;
DROP INDEX highlight_article_idx;
ALTER TABLE highlight DROP COLUMN block_position;
CREATE INDEX highlight_article_idx ON highlight (article_id);
CREATE INDEX highlight_block_idx ON highlight (block_id);

-- Drafts: unsaved editor text of one paragraph. One of a position that has no block can never be offered again.
ALTER TABLE draft ADD COLUMN block_id BIGINT;
UPDATE draft SET block_id = (SELECT b.id FROM article_block b
                             WHERE b.article_id = draft.article_id AND b.position = draft.block_position);
DELETE FROM draft WHERE block_id IS NULL;
ALTER TABLE draft ALTER COLUMN block_id SET NOT NULL;
ALTER TABLE draft ADD CONSTRAINT draft_block_fk FOREIGN KEY (block_id)
    REFERENCES article_block (id) ON DELETE CASCADE;
ALTER TABLE draft DROP CONSTRAINT draft_uq;
ALTER TABLE draft DROP COLUMN block_position;
ALTER TABLE draft ADD CONSTRAINT draft_uq UNIQUE (block_id, field);
CREATE INDEX draft_article_idx ON draft (article_id);

-- Edit counts of a paragraph's English and note.
ALTER TABLE block_revision ADD COLUMN block_id BIGINT;
UPDATE block_revision SET block_id = (SELECT b.id FROM article_block b
                                      WHERE b.article_id = block_revision.article_id
                                        AND b.position = block_revision.block_position);
DELETE FROM block_revision WHERE block_id IS NULL;
ALTER TABLE block_revision ALTER COLUMN block_id SET NOT NULL;
ALTER TABLE block_revision ADD CONSTRAINT block_revision_block_fk FOREIGN KEY (block_id)
    REFERENCES article_block (id) ON DELETE CASCADE;
ALTER TABLE block_revision DROP CONSTRAINT block_revision_uq;
ALTER TABLE block_revision DROP COLUMN block_position;
ALTER TABLE block_revision ADD CONSTRAINT block_revision_uq UNIQUE (block_id);
CREATE INDEX block_revision_article_idx ON block_revision (article_id);

-- The paragraph a vocabulary word's sentence came from (null when unknown). An existing word is given the first
-- stored paragraph of its article that contains its sentence.
ALTER TABLE vocabulary_entry ADD COLUMN block_id BIGINT REFERENCES article_block (id) ON DELETE SET NULL;
UPDATE vocabulary_entry SET block_id = (SELECT MIN(b.id) FROM article_block b
                                        WHERE b.article_id = vocabulary_entry.article_id
                                          AND POSITION(vocabulary_entry.sentence IN b.text) > 0)
WHERE sentence IS NOT NULL AND sentence <> '' AND article_id IS NOT NULL;
