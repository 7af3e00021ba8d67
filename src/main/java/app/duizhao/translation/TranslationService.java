package app.duizhao.translation;

import app.duizhao.account.CurrentUser;
import app.duizhao.library.ArticleAccess;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Translates and summarises articles in the background with the configured engine (or another model on request),
 * storing each block's translation as soon as it is known, so a failure or a cancel keeps everything already
 * translated and a retry does only what is missing. Block translations are cached by text, provider, model, prompt
 * version and glossary terms: reopening or re-importing an article costs no call. Every LLM call's tokens are recorded.
 */
@Service
public class TranslationService {

    private static final Logger log = LoggerFactory.getLogger(TranslationService.class);

    private final TranslationStore store;
    private final TranslationEngines engines;
    private final TranslationCache cache;
    private final UsageLedger usage;
    private final GlossaryService glossary;
    private final TranslationRuns runs;
    private final Map<Long, TranslationJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> batches = new ConcurrentHashMap<>();
    private final Map<String, Long> batchOwners = new ConcurrentHashMap<>();
    private final ArticleAccess access;
    private final CurrentUser currentUser;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("translation-", 0).factory());

    TranslationService(TranslationStore store, TranslationEngines engines, TranslationCache cache, UsageLedger usage,
                       GlossaryService glossary, ArticleAccess access, CurrentUser currentUser, TranslationRuns runs) {
        this.access = access;
        this.runs = runs;
        this.currentUser = currentUser;
        this.store = store;
        this.engines = engines;
        this.cache = cache;
        this.usage = usage;
        this.glossary = glossary;
    }

    /** The engine the settings name. */
    public EngineInfo engineInfo() {
        return engines.current().info();
    }

    /**
     * Starts translating the blocks of an article that have no translation from the current engine yet (all of them
     * when {@code force}, bypassing the cache), then its summary. If a job already runs for the article, returns that one.
     */
    public TranslationJob start(long articleId, boolean force) {
        return start(articleId, force, null, null);
    }

    /**
     * Like {@link #start(long, boolean)} with another provider and/or model than the settings name (either may be
     * {@code null} for the current one), e.g. to compare models. The settings stay as they are.
     *
     * @throws IllegalArgumentException when the provider is unknown
     */
    public TranslationJob start(long articleId, boolean force, String provider, String model) {
        TranslationEngine engine = engineFor(provider, model);
        return launch(articleId, engine, force, null);
    }

    /** Translates one block again (bypassing the cache) with the current engine; no summary. */
    public TranslationJob retranslateBlock(long articleId, int position) {
        access.require(articleId);
        store.blockText(articleId, position)
                .orElseThrow(() -> new NoSuchElementException("No block " + position + " to translate in article " + articleId));
        return launch(articleId, engines.current(), true, position);
    }

    private TranslationEngine engineFor(String provider, String model) {
        boolean sameProvider = provider == null || provider.isBlank();
        boolean sameModel = model == null || model.isBlank();
        if (sameProvider && sameModel) {
            return engines.current();
        }
        return engines.forSettings(engines.settings().withModel(provider, model));
    }

    private TranslationJob launch(long articleId, TranslationEngine engine, boolean force, Integer onlyPosition) {
        access.require(articleId);
        TranslationJob[] started = new TranslationJob[1];
        TranslationJob job = jobs.compute(articleId, (id, running) -> {
            if (running != null && running.isRunning()) {
                return running;
            }
            started[0] = new TranslationJob(articleId, engine.info());
            return started[0];
        });
        if (started[0] != null) {
            // The job runs as the user who started it (their glossary, their article).
            executor.execute(currentUser.wrap(() -> run(started[0], engine, force, onlyPosition)));
        }
        return job;
    }

    /** The job that runs (or last ran, in this server's life) for an article. */
    public Optional<TranslationJob> job(long articleId) {
        return access.exists(articleId) ? Optional.ofNullable(jobs.get(articleId)) : Optional.empty();
    }

    /** Cancels the running job of an article, if any: its in-flight requests stop. */
    public void cancel(long articleId) {
        job(articleId).ifPresent(TranslationJob::cancel);
    }

    /**
     * Where an article's translation stands (for {@code GET /api/articles/{id}}).
     *
     * @throws NoSuchElementException when there is no such article
     */
    public TranslationStatus status(long articleId) {
        access.require(articleId);
        TranslationStore.Counts counts = store.counts(articleId)
                .orElseThrow(() -> new NoSuchElementException("No article " + articleId));
        TranslationJob job = jobs.get(articleId);
        if (job != null && job.isRunning()) {
            return new TranslationStatus("running", runningDone(counts, job.total(), job.done()), counts.total(), null);
        }
        // Another instance on the same database may be translating it (its blocks appear here as they are saved).
        Optional<TranslationRuns.Run> elsewhere = runs.elsewhere(articleId);
        if (elsewhere.isPresent()) {
            return new TranslationStatus("running", runningDone(counts, elsewhere.get().total(),
                    elsewhere.get().done()), counts.total(), null);
        }
        if (job != null && job.status() != TranslationJob.Status.DONE) {
            return new TranslationStatus("failed", counts.translated(), counts.total(), job.message());
        }
        if (counts.failed() > 0) {
            return new TranslationStatus("failed", counts.translated(), counts.total(),
                    counts.failed() + " paragraphs could not be translated.");
        }
        String status = counts.total() > 0 && counts.translated() == counts.total() ? "done"
                : counts.translated() == 0 ? "none" : "partial";
        return new TranslationStatus(status, counts.translated(), counts.total(), null);
    }

    private static int runningDone(TranslationStore.Counts counts, int jobTotal, int jobDone) {
        return jobTotal == 0 ? counts.translated() : Math.min(counts.total(), counts.total() - jobTotal + jobDone);
    }

    /**
     * Translates (and summarises) a selection of the library in the background, one article after another (each
     * with the configured concurrency). Returns the batch id for {@link #batchStatus}.
     *
     * @throws IllegalArgumentException when the selection is empty or the provider is unknown
     */
    public String startBatch(List<Long> articleIds, String provider, String model) {
        if (articleIds == null || articleIds.isEmpty()) {
            throw new IllegalArgumentException("Select at least one article.");
        }
        List<Long> ids = List.copyOf(new java.util.LinkedHashSet<>(articleIds));
        TranslationEngine engine = engineFor(provider, model);
        String batchId = UUID.randomUUID().toString();
        batches.put(batchId, ids);
        batchOwners.put(batchId, currentUser.id());
        executor.execute(currentUser.wrap(() -> {
            for (long id : ids) {
                if (!access.exists(id)) {
                    continue;
                }
                try {
                    TranslationJob job = launch(id, engine, false, null);
                    job.await(java.time.Duration.ofHours(6));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    log.warn("Batch {}: article {} failed to start: {}", batchId, id, e.getMessage());
                }
            }
        }));
        return batchId;
    }

    /** Progress of a batch, or empty for an unknown id. */
    public Optional<BatchStatus> batchStatus(String batchId) {
        List<Long> ids = batches.get(batchId);
        if (ids == null || !Long.valueOf(currentUser.id()).equals(batchOwners.get(batchId))) {
            return Optional.empty();
        }
        List<BatchStatus.ArticleStatus> articles = new ArrayList<>();
        int finished = 0;
        for (long id : ids) {
            TranslationStatus s;
            try {
                s = status(id);
            } catch (NoSuchElementException gone) {
                s = new TranslationStatus("missing", 0, 0, "No article " + id);
            }
            TranslationJob job = jobs.get(id);
            boolean ended = "missing".equals(s.status()) || (job != null && !job.isRunning());
            if (ended) {
                finished++;
            }
            articles.add(new BatchStatus.ArticleStatus(id, ended || s.status().equals("running") ? s.status() : "queued",
                    s.done(), s.total(), s.message()));
        }
        return Optional.of(new BatchStatus(batchId, finished == ids.size() ? "done" : "running", finished, ids.size(), articles));
    }

    /** Tokens and estimated cost of an article's LLM calls, by model. */
    public List<ModelUsage> usage(long articleId) {
        return access.exists(articleId) ? usage.byArticle(articleId) : List.of();
    }

    /**
     * Tokens and estimated cost per day over the last {@code days} days (UTC), newest first: the whole server's for
     * an admin (and on a laptop), the current user's own calls for anyone else.
     */
    public List<DailyUsage> dailyUsage(int days) {
        return currentUser.isAdmin() ? usage.byDay(days) : usage.byDay(days, currentUser.id());
    }

    /**
     * The stored translations of a block's text (from any model) that were delivered into blocks of the current
     * user's own articles (freshly made or from the shared cache), newest first, for comparing. The cache is shared,
     * but the list is the user's own record: another person's translations of the same text (made with their
     * glossary, perhaps, or later than the user's) never show up in it.
     */
    public List<StoredTranslation> storedTranslations(long articleId, int position) {
        if (!access.exists(articleId)) {
            return List.of();
        }
        String language = store.language(articleId);
        return store.blockText(articleId, position)
                .map(text -> cache.delivered(text, Direction.forLanguage(language).targetLanguage(), currentUser.id()))
                .orElse(List.of());
    }

    /**
     * Asks the current engine for names in an article (people, organisations, places) and stores the new ones as
     * glossary proposals; returns them.
     *
     * @throws TranslationException when the provider cannot be used
     */
    public List<ProposedTerm> proposeTerms(long articleId) {
        access.require(articleId);
        TranslationEngine engine = engines.current();
        TranslationStore.Work work = store.prepare(articleId, engine.info(), false);
        List<ProposedTerm> terms = engine.proposeTerms(new SummaryRequest(work.context(), work.paragraphs()),
                u -> usage.record(articleId, engine.info(), "glossary", u), new Cancellation());
        glossary.addProposals(terms, work.sourceName());
        return terms;
    }

    private void run(TranslationJob job, TranslationEngine engine, boolean force, Integer onlyPosition) {
        long articleId = job.articleId();
        // The job runs as the article's owner (see launch): what it stores and may list later is theirs.
        long owner = currentUser.id();
        EngineInfo info = engine.info();
        boolean cacheable = info.kind() == OutputKind.LLM;
        if (!runs.claim(job)) {
            // Not this server's job to remember: the status comes from the instance that runs it.
            jobs.remove(articleId, job);
            job.finish(TranslationJob.Status.FAILED, "This article is being translated on another instance of the "
                    + "server; its translations appear here as they are saved. Try again when it has finished.");
            return;
        }
        try {
            TranslationStore.Work work = store.prepare(articleId, info, force, onlyPosition);
            job.setTotal(work.segments().size());
            if (!work.segments().isEmpty()) {
                store.markEngine(articleId, info);
            }
            Direction direction = work.direction();
            String promptVersion = direction.promptVersion();
            List<GlossaryEntry> articleTerms = glossary.termsFor(String.join("\n", work.paragraphs()),
                    work.sourceName(), direction);
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
                        direction.targetLanguage(), info.provider(), info.model(), promptVersion, glossaryVersion);
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
            if (!toTranslate.isEmpty() && !job.cancellation().isCancelled()) {
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
            if (job.cancellation().isCancelled()) {
                job.finish(TranslationJob.Status.CANCELLED, cancelledMessage(job));
                return;
            }
            if (work.needsSummary() && !work.paragraphs().isEmpty()) {
                job.summaryStarted();
                engine.summarize(new SummaryRequest(work.context(), work.paragraphs(),
                        engines.settings().summaryInChinese()), new SummarySink() {
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
