package app.duizhao.study;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Empties the study tables between tests (the H2 database lives as long as the Spring context). */
public final class StudyTables {

    private StudyTables() {
    }

    /** Empties the study tables of the context's database and drops the services' caches. */
    public static void clear(org.springframework.context.ApplicationContext context) {
        clear(context.getBean(JdbcClient.class), context.getBean(VocabularyService.class),
                context.getBean(SegmentationRules.class));
    }

    public static void clear(JdbcClient jdbc, VocabularyService vocabulary, Object rules) {
        for (String table : new String[]{"word_status", "review_card", "vocabulary_entry", "segmentation_rule", "reader_preferences",
                "article_reading_state"}) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        // The services cache the vocabulary and the rules in memory.
        if (vocabulary != null) {
            vocabulary.forget();
        }
        if (rules instanceof SegmentationRules r) {
            r.forget();
        }
    }
}
