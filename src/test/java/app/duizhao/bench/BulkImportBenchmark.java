package app.duizhao.bench;

import app.duizhao.importing.ImportResult;
import app.duizhao.importing.ImportService;
import app.duizhao.library.LibraryQuery;
import app.duizhao.library.LibraryService;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bulk import of 10,000 posts (the corpus repeated, each copy with its own {@code from:} URL and a numbered
 * closing line so that neither duplicate check folds copies together) into a fresh file H2 through the real
 * services (import, clean, store, index). {@code BENCH_BULK_POSTS} changes the count.
 */
public final class BulkImportBenchmark {

    private static final Pattern FROM = Pattern.compile("(?m)^from:\\s*(\\S+)\\s*$");

    public static void main(String[] args) {
        Optional<List<Path>> corpus = BenchSupport.corpusPosts();
        if (corpus.isEmpty()) {
            System.out.println("BulkImportBenchmark skipped: no corpus at ../shared/corpus/posts");
            return;
        }
        int total = Integer.parseInt(System.getenv().getOrDefault("BENCH_BULK_POSTS", "10000"));
        List<Path> files = corpus.get();
        List<String> posts = files.stream().map(f -> new String(BenchSupport.read(f), StandardCharsets.UTF_8))
                .toList();

        Path dir = BenchSupport.tempDir("bulk");
        try (ConfigurableApplicationContext app = BenchSupport.startApp(dir)) {
            ImportService importer = app.getBean(ImportService.class);
            LibraryService library = app.getBean(LibraryService.class);
            int stored = 0;
            int duplicates = 0;
            int refused = 0;
            long bytes = 0;
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                int index = i % posts.size();
                int copy = i / posts.size();
                byte[] post = variant(posts.get(index), copy).getBytes(StandardCharsets.UTF_8);
                bytes += post.length;
                try {
                    ImportResult result = importer.importFile(copy + "-" + files.get(index).getFileName(), post);
                    if (result.duplicate()) {
                        duplicates++;
                    } else {
                        stored++;
                    }
                } catch (RuntimeException e) {
                    refused++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            BenchSupport.figure("bulk_import_posts", total, "posts");
            BenchSupport.figure("bulk_import_stored", stored, "posts");
            BenchSupport.figure("bulk_import_duplicates", duplicates, "posts");
            BenchSupport.figure("bulk_import_refused", refused, "posts");
            BenchSupport.figure("bulk_import_time", seconds, "s");
            BenchSupport.figure("bulk_import_throughput", total / seconds, "posts/s");
            BenchSupport.figure("bulk_import_throughput_bytes", bytes / 1e6 / seconds, "MB/s");
            BenchSupport.figure("bulk_import_library_count", library.count(LibraryQuery.all(0)), "articles");
        } finally {
            BenchSupport.deleteTree(dir);
        }
    }

    /** Copy {@code copy} of a post: its own source URL and a numbered last paragraph (copy 0 is the original). */
    static String variant(String post, int copy) {
        if (copy == 0) {
            return post;
        }
        Matcher from = FROM.matcher(post);
        String changed = from.find()
                ? from.replaceFirst(Matcher.quoteReplacement("from: " + from.group(1) + "#copy-" + copy))
                : post;
        return changed + "\n\n<p>（基准测试副本 " + copy + "）</p>\n";
    }
}
