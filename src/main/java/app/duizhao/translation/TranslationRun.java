package app.duizhao.translation;

import app.duizhao.account.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * The body of one translation job: blocks from the cache first, the rest through the engine, each stored as soon as
 * it is known, and the summary written beside the translation from the start (from the Chinese, with the glossary
 * terms found in the article, so names match), so a typical article is done in one request's time.
 */
final class TranslationRun {

    private static final Logger log = LoggerFactory.getLogger(TranslationRun.class);

    private final TranslationStore store;
    private final TranslationEngines engines;
    private final TranslationCache cache;
    private final UsageLedger usage;
    private final GlossaryService glossary;
    private final CurrentUser currentUser;
    private final ExecutorService executor;

    TranslationRun(TranslationStore store, TranslationEngines engines, TranslationCache cache, UsageLedger usage,
                   GlossaryService glossary, CurrentUser currentUser, ExecutorService executor) {
        this.store = store;
        this.engines = engines;
        this.cache = cache;
        this.usage = usage;
        this.glossary = glossary;
        this.currentUser = currentUser;
        this.executor = executor;
    }

    void run(TranslationJob job, TranslationEngine engine, boolean force, Integer onlyPosition) {
        long articleId = job.articleId();
        EngineInfo info = engine.info();
        CompletableFuture<Void> summary = CompletableFuture.completedFuture(null);
        try {
            TranslationStore.Work work = store.prepare(articleId, info, force, onlyPosition);
            job.setTotal(work.segments().size());
            if (!work.segments().isEmpty()) {
                store.markEngine(articleId, info);
            }
            Direction direction = work.direction();
            List<GlossaryEntry> articleTerms = glossary.termsFor(String.join("\n", work.paragraphs()),
                    work.sourceName(), direction);
            if (work.needsSummary() && !work.paragraphs().isEmpty()) {
                summary = summarizeAlongside(job, engine, work, articleTerms);
            }
            translate(job, engine, work, articleTerms, force);
            if (!summary.isDone()) {
                job.summaryStarted(); // the blocks are done; the summary, started with them, is still being written
            }
            awaitSummary(summary);
            if (job.cancellation().isCancelled()) {
                job.finish(TranslationJob.Status.CANCELLED, cancelledMessage(job));
            } else if (job.failedBlocks() > 0) {
                job.finishPartial(failedMessage(job));
            } else {
                job.finish(TranslationJob.Status.DONE, null);
            }
        } catch (TranslationException e) {
            job.cancellation().cancel(); // the summary stops too
            log.warn("Translation of article {} with {} failed: {}", articleId, info.label(), e.detail());
            job.finish(TranslationJob.Status.FAILED, e.getMessage() + keptMessage(job), e.detail() + keptMessage(job));
        } catch (RuntimeException e) {
            job.cancellation().cancel();
            log.error("Translation of article {} with {} failed unexpectedly", articleId, info.label(), e);
            job.finish(TranslationJob.Status.FAILED, "Translation stopped on an unexpected error ("
                    + e.getClass().getSimpleName() + ")." + keptMessage(job));
        }
    }

    private CompletableFuture<Void> summarizeAlongside(TranslationJob job, TranslationEngine engine,
                                                      TranslationStore.Work work, List<GlossaryEntry> terms) {
        long articleId = job.articleId();
        EngineInfo info = engine.info();
        SummaryRequest request = new SummaryRequest(work.context(), work.paragraphs(),
                engines.settings().summaryInChinese(), terms);
        CompletableFuture<Void> done = new CompletableFuture<>();
        executor.execute(currentUser.wrap(() -> {
            try {
                engine.summarize(request, new SummarySink() {
                    @Override
                    public void partial(String textSoFar) {
                        job.summaryPartial(textSoFar);
                    }

                    @Override
                    public void completed(String text) {
                        store.saveSummary(articleId, text, info);
                        job.summaryCompleted(text);
                    }

                    @Override
                    public void usage(CallUsage call) {
                        usage.record(articleId, info, "summary", call);
                        job.addUsage(call);
                    }
                }, job.cancellation());
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }));
        return done;
    }

    private static void awaitSummary(CompletableFuture<Void> summary) {
        try {
            summary.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void translate(TranslationJob job, TranslationEngine engine, TranslationStore.Work work,
                           List<GlossaryEntry> articleTerms, boolean force) {
        long articleId = job.articleId();
        long owner = currentUser.id();
        EngineInfo info = engine.info();
        boolean cacheable = info.kind() == OutputKind.LLM;
        Direction direction = work.direction();
        // The cache key names every glossary term the prompt carries (the article's), not only the block's own:
        // a model may carry a term into a neighbouring block, and the cache is shared between users whose
        // glossaries are private.
        String glossaryVersion = GlossaryService.version(articleTerms);
        Map<Integer, TranslationCache.Key> keys = new HashMap<>();
        Map<Integer, Segment> byId = new HashMap<>();
        List<Segment> toTranslate = new ArrayList<>();
        for (Segment segment : work.segments()) {
            byId.put(segment.id(), segment);
            TranslationCache.Key key = new TranslationCache.Key(TranslationCache.hash(segment.text()),
                    direction.targetLanguage(), info.provider(), info.model(), direction.promptVersion(), glossaryVersion);
            keys.put(segment.id(), key);
            Optional<String> cached = cacheable && !force ? cache.find(key) : Optional.empty();
            if (cached.isPresent()) {
                store.saveBlock(work, segment.id(), cached.get(), info);
                cache.recordDelivery(key, cached.get(), owner);
                job.blockCompleted(segment.id(), cached.get());
            } else {
                toTranslate.add(segment);
            }
        }
        if (toTranslate.isEmpty() || job.cancellation().isCancelled()) {
            return;
        }
        engine.translate(new TranslationRequest(work.context(), toTranslate, direction, articleTerms),
                new TranslationSink() {
                    @Override
                    public void partial(int id, String textSoFar) {
                        job.blockPartial(id, textSoFar);
                    }

                    @Override
                    public void completed(int id, String text) {
                        // One writer per article at a time: the article row carries an optimistic lock.
                        synchronized (job) {
                            store.saveBlock(work, id, text, info);
                        }
                        // Only answers that passed the engine's checks get here: nothing failed is cached.
                        if (cacheable) {
                            cache.put(keys.get(id), text);
                            cache.recordDelivery(keys.get(id), text, owner);
                        }
                        List<GlossaryEntry> missed = GlossaryService.missing(byId.get(id).text(), text,
                                articleTerms, direction);
                        if (!missed.isEmpty()) {
                            job.glossaryMissed(id, missed);
                        }
                        job.blockCompleted(id, text);
                    }

                    @Override
                    public void failed(int id, String message) {
                        synchronized (job) {
                            store.saveBlockError(work, id, message);
                        }
                        job.blockFailed(id, message);
                    }

                    @Override
                    public void usage(CallUsage call) {
                        usage.record(articleId, info, "translate", call);
                        job.addUsage(call);
                    }
                }, job.cancellation());
    }

    /** What failed and why, in a sentence per reason: e.g. the paragraphs the provider refused, with its words. */
    static String failedMessage(TranslationJob job) {
        Map<String, Long> reasons = job.failures().values().stream()
                .collect(Collectors.groupingBy(m -> m, LinkedHashMap::new, Collectors.counting()));
        String why = reasons.entrySet().stream().limit(3)
                .map(e -> (e.getValue() == 1 ? "1 paragraph: " : e.getValue() + " paragraphs: ") + e.getKey())
                .collect(Collectors.joining(" "));
        return job.failedBlocks() + " of " + job.total() + " paragraphs could not be translated. " + why
                + " The others are saved; Retry translates the rest.";
    }

    static String cancelledMessage(TranslationJob job) {
        return "Cancelled." + keptMessage(job);
    }

    static String keptMessage(TranslationJob job) {
        int completed = job.done() - job.failedBlocks();
        return completed > 0 ? " The " + completed + " paragraphs translated before that are kept; Retry does the rest."
                : " Nothing was lost; Retry starts again.";
    }
}
