-- Per-user study data (issue 7): each person's vocabulary, segmentation corrections, reader preferences, reading
-- state and LLM usage are theirs; the list of stored translations a person may compare is what was delivered to
-- their own articles. Rows from before this migration belong to the owner of the article they came from, else to
-- the built-in local user (id 1, V7), which owns everything on a laptop. Engine settings (app_setting) stay the
-- server's. Plain SQL that H2 and PostgreSQL both run.

-- Vocabulary: one entry per word per person.
ALTER TABLE vocabulary_entry ADD COLUMN owner_id BIGINT REFERENCES app_user (id) ON DELETE CASCADE;
UPDATE vocabulary_entry SET owner_id = COALESCE(
    (SELECT a.owner_id FROM article a WHERE a.id = vocabulary_entry.article_id), 1);
ALTER TABLE vocabulary_entry ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE vocabulary_entry DROP CONSTRAINT vocabulary_entry_word_uq;
ALTER TABLE vocabulary_entry ADD CONSTRAINT vocabulary_entry_owner_word_uq UNIQUE (owner_id, simplified);

-- Segmentation corrections: each person's own split and merge rules.
ALTER TABLE segmentation_rule ADD COLUMN owner_id BIGINT REFERENCES app_user (id) ON DELETE CASCADE;
UPDATE segmentation_rule SET owner_id = 1;
ALTER TABLE segmentation_rule ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE segmentation_rule DROP CONSTRAINT segmentation_rule_uq;
ALTER TABLE segmentation_rule ADD CONSTRAINT segmentation_rule_owner_uq UNIQUE (owner_id, kind, word, parts);

-- Reader preferences: one row per person (was one row, id 1), keyed by the owner.
CREATE TABLE reader_preferences_by_owner (
    owner_id            BIGINT        NOT NULL PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    theme               VARCHAR(10)   NOT NULL,
    font_size           INT           NOT NULL,
    display_mode        VARCHAR(20)   NOT NULL,
    lookup_on_hover     BOOLEAN       NOT NULL,
    tone_colours        BOOLEAN       NOT NULL,
    show_hsk            BOOLEAN       NOT NULL,
    mark_new_words      BOOLEAN       NOT NULL
);
INSERT INTO reader_preferences_by_owner (owner_id, theme, font_size, display_mode, lookup_on_hover, tone_colours,
                                         show_hsk, mark_new_words)
SELECT 1, theme, font_size, display_mode, lookup_on_hover, tone_colours, show_hsk, mark_new_words
FROM reader_preferences WHERE id = 1;
DROP TABLE reader_preferences;
ALTER TABLE reader_preferences_by_owner RENAME TO reader_preferences;

-- Reading state (pinyin on/off, position) per person and article.
CREATE TABLE article_reading_state_by_owner (
    owner_id            BIGINT        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    article_id          BIGINT        NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    pinyin              BOOLEAN       NOT NULL,
    position            INT           NOT NULL,
    PRIMARY KEY (owner_id, article_id)
);
INSERT INTO article_reading_state_by_owner (owner_id, article_id, pinyin, position)
SELECT COALESCE(a.owner_id, 1), s.article_id, s.pinyin, s.position
FROM article_reading_state s JOIN article a ON a.id = s.article_id;
DROP TABLE article_reading_state;
ALTER TABLE article_reading_state_by_owner RENAME TO article_reading_state;

-- LLM usage: whose call it was (kept, as a cost record, when the person's account goes).
ALTER TABLE llm_usage ADD COLUMN owner_id BIGINT REFERENCES app_user (id) ON DELETE SET NULL;
UPDATE llm_usage SET owner_id = COALESCE((SELECT a.owner_id FROM article a WHERE a.id = llm_usage.article_id), 1);
CREATE INDEX llm_usage_owner_day_idx ON llm_usage (owner_id, usage_day);

-- The translation cache stays shared (identical text -> one LLM call), but which cached translations a person may
-- list and compare is recorded per person: those produced for, or reused in, blocks of their own articles.
CREATE TABLE translation_cache_use (
    cache_id            BIGINT        NOT NULL REFERENCES translation_cache (id) ON DELETE CASCADE,
    owner_id            BIGINT        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    PRIMARY KEY (cache_id, owner_id)
);
CREATE INDEX translation_cache_use_owner_idx ON translation_cache_use (owner_id);
INSERT INTO translation_cache_use (cache_id, owner_id) SELECT id, 1 FROM translation_cache;
