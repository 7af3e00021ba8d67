package app.duizhao.translation;

import app.duizhao.chinese.ChineseDictionary;
import app.duizhao.chinese.ChineseGlosser;
import app.duizhao.chinese.ChineseSegmenter;
import app.duizhao.chinese.HskLevels;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineTranslationEngineWiringTest {

    @Test
    void springBuildsTheEngineFromTheStudyComponents() {
        try (var context = new AnnotationConfigApplicationContext(ChineseDictionary.class, ChineseSegmenter.class,
                ChineseGlosser.class, HskLevels.class, OfflineTranslationEngine.class)) {
            OfflineTranslationEngine engine = context.getBean(OfflineTranslationEngine.class);
            OfflineTranslationEngineTest.RecordingSink sink = new OfflineTranslationEngineTest.RecordingSink();
            engine.translate(new TranslationRequest(new ArticleContext("t", null, null), List.of(new Segment(0, "银行"))),
                    sink, new Cancellation());
            assertThat(sink.completedTexts).containsExactly("银行 (yín háng) bank");
        }
    }
}
