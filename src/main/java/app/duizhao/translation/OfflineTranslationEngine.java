package app.duizhao.translation;

import org.springframework.stereotype.Component;

/**
 * No LLM: glosses each block word by word from CC-CEDICT and picks key sentences by TextRank.
 * Placeholder: replaced by the full offline engine.
 */
@Component
public class OfflineTranslationEngine implements TranslationEngine {

    @Override
    public EngineInfo info() {
        return new EngineInfo("offline", "cc-cedict", OutputKind.OFFLINE);
    }

    @Override
    public void translate(TranslationRequest request, TranslationSink sink, Cancellation cancellation) {
        for (Segment segment : request.segments()) {
            if (cancellation.isCancelled()) {
                return;
            }
            sink.completed(segment.id(), "[gloss] " + segment.text());
        }
    }

    @Override
    public void summarize(SummaryRequest request, SummarySink sink, Cancellation cancellation) {
        sink.completed(String.join("\n", request.paragraphs().subList(0, Math.min(3, request.paragraphs().size()))));
    }
}
