package app.duizhao.study;

import java.util.Set;

/** Which vocabulary entries of the current user are due for review now; the review feature provides it. */
public interface DueWords {

    /** The ids of the current user's vocabulary entries whose review is due now. */
    Set<Long> dueVocabularyIds();
}
