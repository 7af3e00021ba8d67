package app.duizhao.translation;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Translates and summarises articles in the background with the configured engine, storing each block's English
 * as soon as it is known, so a failure or a cancel keeps everything already translated and a retry does only
 * what is missing.
 */
@Service
public class TranslationService {

    private static final Logger log = LoggerFactory.getLogger(TranslationService.class);

    private final TranslationStore store;
    private final TranslationEngines engines;
    private final Map<Long, TranslationJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("translation-", 0).factory());

    TranslationService(TranslationStore store, TranslationEngines engines) {
        this.store = store;
        this.engines = engines;
    }

    /** The engine the settings name. */
    public EngineInfo engineInfo() {
        return engines.current().info();
    }

    /**
     * Starts translating the blocks of an article that have no English from the current engine yet (all of them
     * when {@code force}), then its summary. If a job already runs for the article, returns that one.
     */
    public TranslationJob start(long articleId, boolean force) {
        TranslationEngine engine = engines.current();
        TranslationJob[] started = new TranslationJob[1];
        TranslationJob job = jobs.compute(articleId, (id, running) -> {
            if (running != null && running.isRunning()) {
                return running;
            }
            started[0] = new TranslationJob(articleId, engine.info());
            return started[0];
        });
        if (started[0] != null) {
            executor.execute(() -> run(started[0], engine, force));
        }
        return job;
    }

    /** The job that runs (or last ran, in this server's life) for an article. */
    public Optional<TranslationJob> job(long articleId) {
        return Optional.ofNullable(jobs.get(articleId));
    }

    /** Cancels the running job of an article, if any. */
    public void cancel(long articleId) {
        job(articleId).ifPresent(TranslationJob::cancel);
    }

    private void run(TranslationJob job, TranslationEngine engine, boolean force) {
        long articleId = job.articleId();
        EngineInfo info = engine.info();
        try {
            TranslationStore.Work work = store.prepare(articleId, info, force);
            job.setTotal(work.segments().size());
            if (!work.segments().isEmpty()) {
                store.markEngine(articleId, info);
                engine.translate(new TranslationRequest(work.context(), work.segments()), new TranslationSink() {
                    @Override
                    public void partial(int id, String textSoFar) {
                        job.blockPartial(id, textSoFar);
                    }

                    @Override
                    public void completed(int id, String text) {
                        store.saveBlock(articleId, id, text, info);
                        job.blockCompleted(id, text);
                    }

                    @Override
                    public void failed(int id, String message) {
                        store.saveBlockError(articleId, id, message);
                        job.blockFailed(id, message);
                    }
                }, job.cancellation());
            }
            if (job.cancellation().isCancelled()) {
                job.finish(TranslationJob.Status.CANCELLED, cancelledMessage(job));
                return;
            }
            if (work.needsSummary() && !work.paragraphs().isEmpty()) {
                job.summaryStarted();
                engine.summarize(new SummaryRequest(work.context(), work.paragraphs()), new SummarySink() {
                    @Override
                    public void partial(String textSoFar) {
                        job.summaryPartial(textSoFar);
                    }

                    @Override
                    public void completed(String text) {
                        store.saveSummary(articleId, text, info);
                        job.summaryCompleted(text);
                    }
                }, job.cancellation());
            }
            if (job.cancellation().isCancelled()) {
                job.finish(TranslationJob.Status.CANCELLED, cancelledMessage(job));
            } else if (job.failedBlocks() > 0) {
                job.finish(TranslationJob.Status.FAILED, job.failedBlocks() + " of " + job.total()
                        + " paragraphs could not be translated. The others are saved; Retry translates the rest.");
            } else {
                job.finish(TranslationJob.Status.DONE, null);
            }
        } catch (TranslationException e) {
            log.warn("Translation of article {} with {} failed: {}", articleId, info.label(), e.getMessage());
            job.finish(TranslationJob.Status.FAILED, e.getMessage() + keptMessage(job));
        } catch (RuntimeException e) {
            log.error("Translation of article {} with {} failed unexpectedly", articleId, info.label(), e);
            job.finish(TranslationJob.Status.FAILED, "Translation stopped on an unexpected error ("
                    + e.getClass().getSimpleName() + ")." + keptMessage(job));
        }
    }

    private static String cancelledMessage(TranslationJob job) {
        return "Cancelled." + keptMessage(job);
    }

    private static String keptMessage(TranslationJob job) {
        int completed = job.done() - job.failedBlocks();
        return completed > 0 ? " The " + completed + " paragraphs translated before that are kept; Retry does the rest."
                : " Nothing was lost; Retry starts again.";
    }

    @PreDestroy
    void shutdown() {
        jobs.values().forEach(TranslationJob::cancel);
        executor.shutdownNow();
    }
}
