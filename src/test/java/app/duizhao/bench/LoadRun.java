package app.duizhao.bench;

import app.duizhao.account.AccountService;
import app.duizhao.account.Role;
import app.duizhao.account.UserAccount;
import app.duizhao.testsupport.ChatCall;
import app.duizhao.testsupport.FakeLlmServer;
import app.duizhao.testsupport.FakeReply;
import app.duizhao.testsupport.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simulated readers against a running Duizhao with accounts on, over HTTP only, as a script or a browser would:
 * each reader is a user of their own (API token), with their own imported articles, and loops for a fixed time
 * through "open the article (API and the reader page), translate it (against the fake LLM server), add a note while
 * the translation runs and one after, save a version". Afterwards every user's data is read back with their own
 * token and checked against what the server acknowledged: every note and version exactly where it was written,
 * nothing from another user, and another user's article answering 404. Used by {@link LoadBenchmark} (50 readers,
 * figures) and by {@code ConcurrentReadersTest} (a few readers, correctness only).
 */
final class LoadRun {

    /** The password of every simulated reader (they sign in to the views with it; the API takes their token). */
    static final String PASSWORD = "load-reader-pass";
    static final List<String> OPERATIONS = List.of("open", "page", "translate", "note", "version");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern CSRF_PARAMETER =
            Pattern.compile("<meta name=\"_csrf_parameter\" content=\"([^\"]+)\"");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TRANSLATION_TIMEOUT = Duration.ofSeconds(180);

    /**
     * What to run.
     *
     * @param readers           concurrent simulated readers (one user each)
     * @param duration          how long they loop (measured part, after the warm-up)
     * @param warmUp            looping before the measurement starts (its operations are checked, not timed)
     * @param articlesPerReader articles each reader imports and visits in turn
     * @param pages             whether each loop also fetches the reader page {@code /articles/{id}} (signed in)
     * @param pollInterval      how often a reader asks whether its translation is done
     * @param thinkTime         the longest a reader waits after starting a translation before adding a note (a
     *                          random wait up to this, so notes land while translated blocks are being saved)
     */
    record Settings(int readers, Duration duration, Duration warmUp, int articlesPerReader, boolean pages,
                    Duration pollInterval, Duration thinkTime) {
    }

    private final URI base;
    private final AccountService accounts;
    private final Settings settings;
    private final String runId = UUID.randomUUID().toString().substring(0, 6);
    private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    private final AtomicLong httpRequests = new AtomicLong();
    private volatile long measureFrom;
    private volatile long measureTo;

    LoadRun(URI base, AccountService accounts, Settings settings) {
        this.base = base;
        this.accounts = accounts;
        this.settings = settings;
    }

    // ---------------------------------------------------------------- the fake LLM

    /** Starts the fake LLM server as the readers see it: {@code latency} before each answer, then streaming. */
    static FakeLlmServer fakeLlm(Duration latency, int chunkChars, Duration chunkDelay) {
        FakeLlmServer server = FakeLlmServer.start();
        server.firstByteLatency(latency).chunkSize(chunkChars).chunkDelay(chunkDelay)
                .defaultReply(FakeReply.custom(LoadRun::answer));
        return server;
    }

    /**
     * The fake's answer: a summary, or each segment's English, which names a hash of exactly that text and the
     * number of the call that wrote it (so a block whose English went back to an older call's shows).
     */
    static String answer(ChatCall call) {
        if (call.isSummary()) {
            return FakeReply.summaryOf(call);
        }
        long number = CALLS.incrementAndGet();
        return FakeReply.segmentsAnswer(call, (id, text) -> english(id, text, number));
    }

    private static final AtomicLong CALLS = new AtomicLong();
    private static final Pattern CALL_NUMBER = Pattern.compile("^EN (\\d+) #([0-9a-f]+) c(\\d+)");

    /** The English the fake writes for block {@code id} in call {@code call}, padded to a realistic length. */
    static String english(int id, String text, long call) {
        StringBuilder out = new StringBuilder("EN ").append(id).append(" #").append(hash(text.strip())).append(" c")
                .append(call);
        int target = (int) (text.length() * 1.5);
        while (out.length() < target) {
            out.append(" word");
        }
        return out.toString();
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- the run

    /** Sets the readers up, lets them loop, then reads everything back and checks it. */
    Result run() throws Exception {
        long setUpStart = System.nanoTime();
        List<Reader> readers = setUp();
        long start = System.nanoTime();
        measureFrom = start + settings.warmUp().toNanos();
        measureTo = measureFrom + settings.duration().toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(readers.size())) {
            List<Future<?>> running = new ArrayList<>();
            for (Reader reader : readers) {
                running.add(pool.submit(() -> {
                    reader.loop();
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }
        long stopped = System.nanoTime();
        Result result = new Result(settings, readers, (measureTo - measureFrom) / 1e9, (stopped - start) / 1e9,
                httpRequests.get(), List.copyOf(errorSamples));
        result.setUpSeconds = (start - setUpStart) / 1e9;
        crossUserAttempts(readers, result);
        for (Reader reader : readers) {
            reader.verify(result);
        }
        result.verifySeconds = (System.nanoTime() - stopped) / 1e9;
        return result;
    }

    private List<Reader> setUp() throws Exception {
        List<Reader> readers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Reader>> made = new ArrayList<>();
            for (int i = 0; i < settings.readers(); i++) {
                int index = i;
                made.add(pool.submit(() -> newReader(index)));
            }
            for (Future<Reader> future : made) {
                readers.add(future.get());
            }
        }
        return readers;
    }

    private Reader newReader(int index) throws Exception {
        String name = String.format(Locale.ROOT, "load-%s-%02d", runId, index);
        UserAccount account = accounts.create(name, PASSWORD, Role.USER);
        Reader reader = new Reader(index, name, "Bearer " + accounts.newApiToken(account.id()));
        for (int k = 0; k < settings.articlesPerReader(); k++) {
            reader.importArticle(k);
        }
        if (settings.pages()) {
            reader.signIn();
        }
        return reader;
    }

    /** Every reader tries the next reader's first article with their own token: each try must answer 404. */
    private void crossUserAttempts(List<Reader> readers, Result result) {
        if (readers.size() < 2) {
            return;
        }
        for (int i = 0; i < readers.size(); i++) {
            Reader reader = readers.get(i);
            Article theirs = readers.get((i + 1) % readers.size()).articles.getFirst();
            String path = "/api/articles/" + theirs.id;
            String note = "{\"block\":0,\"text\":\"" + reader.name + " was here\"}";
            List<Response> answers = List.of(
                    reader.call("GET", path, null),
                    reader.call("GET", path + "/notes", null),
                    reader.call("GET", path + "/versions", null),
                    reader.call("GET", path + "/versions/1", null),
                    reader.call("GET", path + "/export?format=md", null),
                    reader.call("POST", path + "/notes", note),
                    reader.call("POST", path + "/versions", "{\"message\":\"" + reader.name + " was here\"}"),
                    reader.call("POST", path + "/translate", "{}"));
            for (Response answer : answers) {
                result.crossUserTries++;
                if (answer.status != 404) {
                    result.crossUserLeaks++;
                    result.problem("user " + reader.name + " reached another user's article " + theirs.id
                            + ": HTTP " + answer.status);
                }
            }
            if (settings.pages()) {
                // The reader page of their article, signed in as this reader: "There is no article", nothing of it.
                OpenView view = reader.openView(theirs.id);
                result.crossUserTries++;
                if (view != null) {
                    if (view.body().contains(theirs.title) || !view.body().contains("There is no article")) {
                        result.crossUserLeaks++;
                        result.problem("user " + reader.name + " opened the reader page of another user's article "
                                + theirs.id);
                    }
                    reader.closeReaderPage(view.ui());
                } else {
                    result.errors.merge("page", 1L, Long::sum);
                    result.problem("user " + reader.name + " could not open the reader page of article " + theirs.id);
                }
            }
        }
    }

    // ---------------------------------------------------------------- one reader

    /** An article of a reader as imported: its id and, per block, its text. */
    private static final class Article {
        final int number;
        final long id;
        final String title;
        final Map<Integer, String> texts;
        final Set<Integer> translatable;
        /** What the notes are, as far as the server acknowledged them: block -> text. */
        final Map<Integer, String> notes = new TreeMap<>();
        /** Blocks whose last write failed: the note may be any of these texts (or the acknowledged one). */
        final Map<Integer, Set<String>> uncertain = new HashMap<>();
        final List<AckNote> ackNotes = new ArrayList<>();
        final List<AckVersion> ackVersions = new ArrayList<>();
        final Set<String> failedVersionMessages = new HashSet<>();
        /** The newest LLM call whose English this article showed when its last translation was done. */
        long lastCall;

        Article(int number, long id, String title, Map<Integer, String> texts, Set<Integer> translatable) {
            this.number = number;
            this.id = id;
            this.title = title;
            this.texts = texts;
            this.translatable = translatable;
        }
    }

    private record AckNote(int block, String text) {
    }

    /** A saved version as acknowledged, with the notes it must hold (null when a failed write left one unknown). */
    private record AckVersion(int number, String message, Map<Integer, String> notes) {
    }

    /** A reader view open in the simulated browser. */
    private record ReaderUi(int id, String key, int syncId, int clientId) {
    }

    /** A reader view just opened, with Vaadin's first answer (the view's content). */
    private record OpenView(ReaderUi ui, String body) {
    }

    private record Response(int status, String body, long nanos) {
        boolean ok(int expected) {
            return status == expected;
        }
    }

    private final class Reader {
        final int index;
        final String name;
        final String token;
        final List<Article> articles = new ArrayList<>();
        final HttpClient api = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        final Map<String, List<Long>> samples = new LinkedHashMap<>();
        final Map<String, Long> errors = new LinkedHashMap<>();
        /** Answers seen during the run that belonged to another article or text. */
        final AtomicLong mixedSeen = new AtomicLong();
        /** Blocks whose English, after a translation was done, was older than that translation. */
        final AtomicLong lostTranslations = new AtomicLong();
        /** The names of all simulated readers of this run, as they appear in titles and notes. */
        final Pattern otherReaders = Pattern.compile(Pattern.quote("load-" + runId + "-") + "\\d+");
        long loops;
        long polls;

        Reader(int index, String name, String token) {
            this.index = index;
            this.name = name;
            this.token = token;
            for (String operation : OPERATIONS) {
                samples.put(operation, new ArrayList<>());
            }
        }

        String marker(int article) {
            return name + "/a" + article;
        }

        /** Imports this reader's article {@code k}: the seed post, with a title and paragraphs of its own. */
        void importArticle(int k) throws IOException {
            String tag = String.format(Locale.ROOT, "（读者%02d第%d篇）", index, k);
            String post = Fixtures.seedPostText()
                    .replaceFirst("(?m)^title: .*$",
                            "title: \"" + marker(k) + " 秦刚：中美关系的大球仍需小球推动\"")
                    .replaceFirst("(?m)^from: .*$", "from: https://example.test/load/" + marker(k))
                    .replace("<p>", "<p>" + tag);
            Response created = call("POST", "/api/articles", post, "text/plain");
            if (created.status != 201) {
                throw new IOException("Import for " + name + " answered " + created.status + ": " + created.body);
            }
            JsonNode article = JSON.readTree(created.body);
            Map<Integer, String> texts = new TreeMap<>();
            Set<Integer> translatable = new HashSet<>();
            for (JsonNode block : article.get("blocks")) {
                texts.put(block.get("index").asInt(), block.get("text").asText());
                if (!"image".equals(block.get("kind").asText())) {
                    translatable.add(block.get("index").asInt());
                }
            }
            articles.add(new Article(k, article.get("id").asLong(), article.get("title").asText(), texts,
                    translatable));
        }

        /** Signs in to the views with the login form, as a browser does (session cookie, CSRF token). */
        void signIn() throws IOException, InterruptedException {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(base.resolve("/login"))
                    .timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher csrf = CSRF.matcher(page.body());
            Matcher parameter = CSRF_PARAMETER.matcher(page.body());
            String form = "username=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
            if (csrf.find()) {
                form += "&" + (parameter.find() ? parameter.group(1) : "_csrf") + "="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
            }
            HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(base.resolve("/login"))
                    .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String location = signedIn.headers().firstValue("Location").orElse("");
            if (signedIn.statusCode() != 302 || location.contains("error")) {
                throw new IOException("Sign-in of " + name + " failed: HTTP " + signedIn.statusCode() + " to "
                        + location);
            }
        }

        void loop() {
            long n = 0;
            while (System.nanoTime() < measureTo) {
                Article article = articles.get((int) (n % articles.size()));
                oneLoop(article, n);
                n++;
                loops++;
            }
        }

        private void oneLoop(Article article, long n) {
            String path = "/api/articles/" + article.id;
            int blocks = article.texts.size();

            // Open the article.
            Response opened = call("GET", path, null);
            if (record("open", opened, 200)) {
                checkArticle(article, opened.body, false);
            }
            // The reader page, as a browser opens it: the page, then Vaadin builds the view; it stays open until
            // the end of the loop, as the reader reads while the translation comes in.
            ReaderUi ui = settings.pages() ? openReaderPage(article) : null;
            // Translate it again (every block, past the cache), adding a note while it runs.
            long translateStart = System.nanoTime();
            Response started = call("POST", path + "/translate", "{\"force\":true}");
            // The reader reads for a moment, then notes a paragraph while the English is coming in (and its blocks
            // are being saved).
            sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(settings.thinkTime().toMillis() + 1)));
            addNote(article, (int) ((2 * n) % blocks), n + "a");
            if (started.status == 202) {
                awaitTranslation(article, translateStart);
            } else {
                error("translate", "translate answered " + started.status + ": " + abbreviate(started.body));
            }
            addNote(article, (int) ((2 * n + 1) % blocks), n + "b");
            saveVersion(article, n);
            if (ui != null) {
                closeReaderPage(ui);
            }
        }

        /**
         * Opens {@code /articles/{id}} as the browser does and times it as "page" up to the view's first answer,
         * which must show this reader's article and nothing of another reader's.
         */
        private ReaderUi openReaderPage(Article article) {
            long start = System.nanoTime();
            OpenView view = openView(article.id);
            if (view == null) {
                return null;
            }
            sample("page", start, System.nanoTime());
            if (!view.body().contains(article.title)) {
                error("page", "the reader view of " + article.id + " does not show its title");
            }
            Matcher readers = otherReaders.matcher(view.body());
            while (readers.find()) {
                if (!readers.group().equals(name)) {
                    mixedSeen.incrementAndGet();
                    error("page", "the reader view of " + article.id + " shows " + readers.group());
                    break;
                }
            }
            return view.ui();
        }

        /**
         * The page, Vaadin's init request, then the navigation event that builds the reader view on the server;
         * the view stays open (until {@link #closeReaderPage}). Null, with an error recorded, when any step fails.
         */
        OpenView openView(long articleId) {
            Response shell = page("/articles/" + articleId);
            if (!shell.ok(200) || !shell.body.contains("<html")) {
                error("page", "the reader page of " + articleId + " answered " + shell.status);
                return null;
            }
            Response init = page("/?v-r=init&location=" + URLEncoder.encode("articles/" + articleId,
                    StandardCharsets.UTF_8) + "&query=");
            JsonNode config = readTree(init.body).path("appConfig");
            int uiId = config.path("v-uiId").asInt(-1);
            String key = config.path("uidl").path("Vaadin-Security-Key").asText(null);
            if (!init.ok(200) || uiId < 0 || key == null) {
                error("page", "Vaadin's init of " + articleId + " answered " + init.status + ": "
                        + abbreviate(init.body));
                return null;
            }
            ObjectNode navigate = JSON.createObjectNode().put("csrfToken", key).put("syncId", 0).put("clientId", 0);
            ObjectNode event = navigate.putArray("rpc").addObject().put("type", "event").put("node", 1)
                    .put("event", "ui-navigate");
            event.putObject("data").put("route", "articles/" + articleId).put("query", "")
                    .put("appShellTitle", "").put("trigger", "").putObject("historyState").put("idx", 0);
            Response view = uidl(uiId, navigate.toString());
            if (!view.ok(200)) {
                error("page", "the reader view of " + articleId + " answered " + view.status);
                return null;
            }
            JsonNode answer = readTree(view.body.startsWith("for(;;);") ? view.body.substring(8) : view.body);
            return new OpenView(new ReaderUi(uiId, key, answer.path("syncId").asInt(),
                    answer.path("clientId").asInt()), view.body);
        }

        /** Leaves the page: the browser's unload message, after which the server drops the view. */
        void closeReaderPage(ReaderUi ui) {
            ObjectNode unload = JSON.createObjectNode().put("csrfToken", ui.key()).put("syncId", ui.syncId())
                    .put("clientId", ui.clientId()).put("UNLOAD", true);
            unload.putArray("rpc");
            Response closed = uidl(ui.id(), unload.toString());
            if (!closed.ok(200)) {
                error("page", "closing the reader view answered " + closed.status);
            }
        }

        private void awaitTranslation(Article article, long start) {
            long deadline = start + TRANSLATION_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                sleep(settings.pollInterval());
                Response status = call("GET", "/api/articles/" + article.id, null);
                polls++;
                if (status.status != 200) {
                    error("translate", "polling answered " + status.status);
                    return;
                }
                JsonNode body = readTree(status.body);
                String state = body.path("translation").path("status").asText();
                if (state.equals("running")) {
                    continue;
                }
                long end = System.nanoTime();
                if (!state.equals("done")) {
                    error("translate", "translation ended " + state + ": " + body.path("translation")
                            .path("message").asText());
                    return;
                }
                sample("translate", start, end);
                checkArticle(article, status.body, true);
                return;
            }
            error("translate", "translation of " + article.id + " not done after " + TRANSLATION_TIMEOUT);
        }

        private void addNote(Article article, int block, String loopTag) {
            String text = marker(article.number) + "/b" + block + "/n" + loopTag + " **笔记** 读者的想法 "
                    + UUID.randomUUID().toString().substring(0, 8);
            ObjectNode body = JSON.createObjectNode().put("block", block).put("text", text);
            Response response = call("POST", "/api/articles/" + article.id + "/notes", body.toString());
            if (response.status == 201 || response.status == 200) {
                sample("note", response);
                JsonNode note = readTree(response.body);
                if (note.path("block").asInt(-1) != block || !text.equals(note.path("text").asText())) {
                    error("note", "the note answered is not the one sent: " + abbreviate(response.body));
                }
                article.notes.put(block, text);
                article.uncertain.remove(block);
                article.ackNotes.add(new AckNote(block, text));
            } else {
                error("note", "note answered " + response.status + ": " + abbreviate(response.body));
                article.uncertain.computeIfAbsent(block, b -> new HashSet<>()).add(text);
            }
        }

        private void saveVersion(Article article, long n) {
            String message = marker(article.number) + "/v" + n;
            Response response = call("POST", "/api/articles/" + article.id + "/versions",
                    JSON.createObjectNode().put("message", message).toString());
            if (response.status == 201) {
                sample("version", response);
                JsonNode version = readTree(response.body);
                int number = version.path("number").asInt(-1);
                if (!message.equals(version.path("message").asText())) {
                    error("version", "the version answered is not the one sent: " + abbreviate(response.body));
                }
                article.ackVersions.add(new AckVersion(number, message,
                        article.uncertain.isEmpty() ? Map.copyOf(article.notes) : null));
            } else {
                error("version", "version answered " + response.status + ": " + abbreviate(response.body));
                article.failedVersionMessages.add(message);
            }
        }

        /** The article answered must be this reader's, with (once translated) each block's own English. */
        private void checkArticle(Article article, String body, boolean translated) {
            JsonNode json = readTree(body);
            if (json.path("id").asLong() != article.id || !json.path("title").asText().equals(article.title)) {
                error("open", "article " + article.id + " answered as " + json.path("id").asLong() + " \""
                        + json.path("title").asText() + "\"");
                mixedSeen.incrementAndGet();
                return;
            }
            long newest = article.lastCall;
            for (JsonNode block : json.path("blocks")) {
                int index = block.path("index").asInt();
                String text = block.path("text").asText();
                if (!text.equals(article.texts.get(index))) {
                    mixedSeen.incrementAndGet();
                    error("open", "block " + index + " of " + article.id + " changed its text");
                }
                if (!translated || !article.translatable.contains(index)) {
                    continue;
                }
                String english = block.path("english").asText(null);
                Matcher parts = english == null ? null : CALL_NUMBER.matcher(english);
                if (parts == null || !parts.find() || Integer.parseInt(parts.group(1)) != index
                        || !parts.group(2).equals(hash(text.strip()))) {
                    mixedSeen.incrementAndGet();
                    error("translate", "block " + index + " of " + article.id + " has English of another text: "
                            + abbreviate(english));
                    continue;
                }
                long call = Long.parseLong(parts.group(3));
                if (call <= article.lastCall) {
                    // This run translated every block again: an older call's English was written back over it.
                    lostTranslations.incrementAndGet();
                    error("translate", "block " + index + " of " + article.id + " has the English of call " + call
                            + ", older than this translation (after call " + article.lastCall + ")");
                }
                newest = Math.max(newest, call);
            }
            if (translated) {
                article.lastCall = newest;
            }
            if (translated && !json.path("summary").asText("").contains(article.title)) {
                mixedSeen.incrementAndGet();
                error("translate", "the summary of " + article.id + " is not about its title: "
                        + abbreviate(json.path("summary").asText(null)));
            }
        }

        // ------------------------------------------------ afterwards

        /** Reads this reader's articles back with their token and checks them against what was acknowledged. */
        void verify(Result result) {
            result.mixed += mixedSeen.get();
            result.lostTranslations += lostTranslations.get();
            for (Article article : articles) {
                verify(article, result);
            }
        }

        private void verify(Article article, Result result) {
            String path = "/api/articles/" + article.id;
            result.acknowledgedNotes += article.ackNotes.size();
            result.acknowledgedVersions += article.ackVersions.size();

            // The notes now.
            Response notesNow = call("GET", path + "/notes", null);
            if (notesNow.status != 200) {
                result.problem(name + ": GET notes of " + article.id + " answered " + notesNow.status);
                result.lostNotes += article.notes.size();
                return;
            }
            Map<Integer, String> current = new TreeMap<>();
            for (JsonNode note : readTree(notesNow.body)) {
                String previous = current.put(note.path("block").asInt(), note.path("text").asText());
                if (previous != null) {
                    result.duplicateNotes++;
                }
            }
            Set<Integer> blocks = new HashSet<>(current.keySet());
            blocks.addAll(article.notes.keySet());
            blocks.addAll(article.uncertain.keySet());
            for (int block : blocks) {
                String stored = current.get(block);
                String expected = article.notes.get(block);
                Set<String> possible = article.uncertain.getOrDefault(block, Set.of());
                if (stored != null && !belongs(stored, article, block)) {
                    result.mixed++;
                    result.problem(name + ": note on block " + block + " of " + article.id + " is not its own: "
                            + stored);
                } else if (!Objects.equals(stored, expected) && (stored == null || !possible.contains(stored))) {
                    result.mismatchedNotes++;
                    result.problem(name + ": block " + block + " of " + article.id + " has note " + stored
                            + ", acknowledged " + expected);
                }
            }
            Map<String, Long> seen = new HashMap<>();
            current.values().forEach(text -> seen.merge(text, 1L, Long::sum));

            // The versions.
            Response listed = call("GET", path + "/versions", null);
            if (listed.status != 200) {
                result.problem(name + ": GET versions of " + article.id + " answered " + listed.status);
                result.lostVersions += article.ackVersions.size();
                return;
            }
            Map<Integer, String> numbers = new HashMap<>();
            Map<String, Integer> messages = new HashMap<>();
            for (JsonNode version : readTree(listed.body)) {
                int number = version.path("number").asInt();
                String message = version.path("message").asText(null);
                if (numbers.put(number, message) != null) {
                    result.duplicateVersions++;
                }
                if (message != null && messages.merge(message, 1, Integer::sum) > 1) {
                    result.duplicateVersions++;
                }
                if (message == null || !message.startsWith(marker(article.number) + "/v")) {
                    result.mixed++;
                    result.problem(name + ": version " + number + " of " + article.id + " is not its own: "
                            + message);
                }
            }
            Set<Integer> acknowledged = new HashSet<>();
            for (AckVersion version : article.ackVersions) {
                acknowledged.add(version.number());
                if (!version.message().equals(numbers.get(version.number()))) {
                    result.lostVersions++;
                    result.problem(name + ": acknowledged version " + version.number() + " of " + article.id
                            + " (" + version.message() + ") is listed as " + numbers.get(version.number()));
                    continue;
                }
                Response saved = call("GET", path + "/versions/" + version.number(), null);
                if (saved.status != 200) {
                    result.lostVersions++;
                    result.problem(name + ": version " + version.number() + " of " + article.id + " answered "
                            + saved.status);
                    continue;
                }
                Map<Integer, String> notes = new TreeMap<>();
                for (JsonNode note : readTree(saved.body).path("notes")) {
                    if (notes.put(note.path("block").asInt(), note.path("text").asText()) != null) {
                        result.duplicateNotes++;
                    }
                }
                notes.values().forEach(text -> seen.merge(text, 1L, Long::sum));
                for (Map.Entry<Integer, String> note : notes.entrySet()) {
                    if (!belongs(note.getValue(), article, note.getKey())) {
                        result.mixed++;
                        result.problem(name + ": version " + version.number() + " of " + article.id
                                + " holds a note that is not its own: " + note.getValue());
                    }
                }
                if (version.notes() != null && !version.notes().equals(notes)) {
                    result.mismatchedNotes++;
                    result.problem(name + ": version " + version.number() + " of " + article.id + " holds "
                            + notes + ", acknowledged " + version.notes());
                }
            }
            for (Map.Entry<Integer, String> listedVersion : numbers.entrySet()) {
                if (!acknowledged.contains(listedVersion.getKey())
                        && !article.failedVersionMessages.contains(listedVersion.getValue())) {
                    result.phantomVersions++;
                    result.problem(name + ": version " + listedVersion.getKey() + " of " + article.id
                            + " was never acknowledged: " + listedVersion.getValue());
                }
            }
            // Every acknowledged note is somewhere: in the article now, or in a version saved after it.
            for (AckNote note : article.ackNotes) {
                if (!seen.containsKey(note.text())) {
                    result.lostNotes++;
                    result.problem(name + ": acknowledged note " + note.text() + " is nowhere");
                }
            }
        }

        /** A note text written by this reader on this article and block. */
        private boolean belongs(String text, Article article, int block) {
            return text.startsWith(marker(article.number) + "/b" + block + "/n");
        }

        // ------------------------------------------------ HTTP

        Response call(String method, String path, String body) {
            return call(method, path, body, "application/json");
        }

        Response call(String method, String path, String body, String contentType) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", token).header("Accept", "application/json");
            if (body != null) {
                request.header("Content-Type", contentType + "; charset=UTF-8")
                        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return send(api, request.build());
        }

        Response uidl(int uiId, String body) {
            return send(browser, HttpRequest.newBuilder(base.resolve("/?v-r=uidl&v-uiId=" + uiId))
                    .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
        }

        Response page(String path) {
            return send(browser, HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                    .header("Accept", "text/html").GET().build());
        }

        private Response send(HttpClient client, HttpRequest request) {
            httpRequests.incrementAndGet();
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = client.send(request,
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Response(response.statusCode(), response.body(), System.nanoTime() - start);
            } catch (IOException e) {
                return new Response(-1, e.toString(), System.nanoTime() - start);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Response(-1, e.toString(), System.nanoTime() - start);
            }
        }

        /** Records a timed operation if it answered as expected, else an error; whether it did. */
        private boolean record(String operation, Response response, int expected) {
            if (response.ok(expected)) {
                if (samples.containsKey(operation)) {
                    sample(operation, response);
                }
                return true;
            }
            error(operation, operation + " answered " + response.status + ": " + abbreviate(response.body));
            return false;
        }

        private void sample(String operation, Response response) {
            long end = System.nanoTime();
            sample(operation, end - response.nanos, end);
        }

        private void sample(String operation, long start, long end) {
            if (end >= measureFrom && end <= measureTo) {
                samples.get(operation).add(end - start);
            }
        }

        private void error(String operation, String message) {
            errors.merge(operation.startsWith("translate") ? "translate" : operation, 1L, Long::sum);
            if (errorSamples.size() < 20) {
                errorSamples.add(name + " " + operation + ": " + message);
            }
        }
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- the result

    /** Figures and checks of a run. */
    static final class Result {
        final Settings settings;
        final double measuredSeconds;
        final double wallSeconds;
        final long httpRequests;
        final List<String> errorSamples;
        final Map<String, long[]> latencies = new LinkedHashMap<>();
        final Map<String, Long> errors = new TreeMap<>();
        final long loops;
        final long polls;
        final List<String> problems = new ArrayList<>();
        double setUpSeconds;
        double verifySeconds;
        long acknowledgedNotes;
        long acknowledgedVersions;
        long lostNotes;
        long lostVersions;
        long lostTranslations;
        long duplicateNotes;
        long duplicateVersions;
        long phantomVersions;
        long mismatchedNotes;
        long mixed;
        long crossUserTries;
        long crossUserLeaks;

        Result(Settings settings, List<Reader> readers, double measuredSeconds, double wallSeconds, long httpRequests,
               List<String> errorSamples) {
            this.settings = settings;
            this.measuredSeconds = measuredSeconds;
            this.wallSeconds = wallSeconds;
            this.httpRequests = httpRequests;
            this.errorSamples = errorSamples;
            long loopCount = 0;
            long pollCount = 0;
            for (String operation : OPERATIONS) {
                latencies.put(operation, readers.stream().flatMap(r -> r.samples.get(operation).stream())
                        .mapToLong(Long::longValue).sorted().toArray());
            }
            for (Reader reader : readers) {
                reader.errors.forEach((operation, count) -> errors.merge(operation, count, Long::sum));
                loopCount += reader.loops;
                pollCount += reader.polls;
            }
            this.loops = loopCount;
            this.polls = pollCount;
        }

        void problem(String message) {
            if (problems.size() < 50) {
                problems.add(message);
            }
        }

        long operations() {
            return latencies.values().stream().mapToLong(samples -> samples.length).sum();
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Whether nothing was lost, duplicated, invented or mixed between users. */
        boolean intact() {
            return lostNotes == 0 && lostVersions == 0 && lostTranslations == 0 && duplicateNotes == 0
                    && duplicateVersions == 0 && phantomVersions == 0 && mismatchedNotes == 0 && mixed == 0
                    && crossUserLeaks == 0;
        }

        void print(PrintStream out) {
            line(out, "load_readers", settings.readers(), "readers");
            line(out, "load_setup_time", setUpSeconds, "s");
            line(out, "load_duration", measuredSeconds, "s");
            line(out, "load_wall_time", wallSeconds, "s");
            line(out, "load_operations", operations(), "ops");
            line(out, "load_throughput", operations() / measuredSeconds, "ops/s");
            line(out, "load_reader_loops", loops, "loops");
            for (Map.Entry<String, long[]> entry : latencies.entrySet()) {
                long[] samples = entry.getValue();
                if (samples.length == 0) {
                    continue;
                }
                String name = "load_" + entry.getKey();
                line(out, name + "_count", samples.length, "ops");
                line(out, name + "_p50", BenchSupport.percentileMs(samples, 50), "ms");
                line(out, name + "_p95", BenchSupport.percentileMs(samples, 95), "ms");
                line(out, name + "_max", samples[samples.length - 1] / 1e6, "ms");
            }
            line(out, "load_http_requests", httpRequests, "requests");
            line(out, "load_translation_polls", polls, "requests");
            line(out, "load_errors", errorCount(), "count");
            errors.forEach((operation, count) -> line(out, "load_errors_" + operation, count, "count"));
            line(out, "load_acknowledged_notes", acknowledgedNotes, "count");
            line(out, "load_acknowledged_versions", acknowledgedVersions, "count");
            line(out, "load_lost_notes", lostNotes, "count");
            line(out, "load_lost_versions", lostVersions, "count");
            line(out, "load_lost_translated_blocks", lostTranslations, "count");
            line(out, "load_duplicate_notes", duplicateNotes, "count");
            line(out, "load_duplicate_versions", duplicateVersions, "count");
            line(out, "load_phantom_versions", phantomVersions, "count");
            line(out, "load_mismatched_notes", mismatchedNotes, "count");
            line(out, "load_mixed_between_users", mixed, "count");
            line(out, "load_cross_user_tries", crossUserTries, "count");
            line(out, "load_cross_user_leaks", crossUserLeaks, "count");
            line(out, "load_verify_time", verifySeconds, "s");
            line(out, "load_intact", intact() ? 1 : 0, "boolean");
        }

        /** Errors and problems, for a person reading the log. */
        void printDetails(PrintStream out) {
            errorSamples.forEach(sample -> out.println("error: " + sample));
            problems.forEach(problem -> out.println("problem: " + problem));
        }

        private static void line(PrintStream out, String name, double value, String unit) {
            String number = value == Math.rint(value) && Math.abs(value) < 1e15
                    ? String.valueOf((long) value) : String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
            out.println(name + ": " + number + " " + unit);
        }

        @Override
        public String toString() {
            return "load result: set-up " + Math.round(setUpSeconds) + " s, run " + Math.round(wallSeconds)
                    + " s, verify " + Math.round(verifySeconds) + " s, " + loops + " loops, " + operations()
                    + " ops, " + errorCount() + " errors, intact " + intact()
                    + (problems.isEmpty() ? "" : ", problems " + problems) + (errorSamples.isEmpty() ? ""
                    : ", errors " + errorSamples);
        }
    }
}
