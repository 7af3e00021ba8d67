package app.duizhao.translation;

import app.duizhao.account.CurrentUser;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The user's glossary: Chinese term → English rendering with an optional note, for every article or for one source.
 * Terms found in an article go into the translation prompt (matching traditional and simplified characters alike),
 * and the output is checked for their English. The LLM can propose terms for the user to accept. CSV import/export
 * with the columns {@code chinese,english,note,source}.
 */
@Service
public class GlossaryService {

    /** The CSV header. */
    public static final String CSV_HEADER = "chinese,english,note,source";

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;

    // Each person has a glossary of their own: every statement below is limited to the current user's terms.
    GlossaryService(JdbcClient jdbc, CurrentUser currentUser) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
    }

    /** Accepted terms, by Chinese term. */
    @Transactional(readOnly = true)
    public List<GlossaryTerm> terms() {
        return query("status = 'ACCEPTED'");
    }

    /** Terms the LLM proposed, waiting for the user. */
    @Transactional(readOnly = true)
    public List<GlossaryTerm> proposals() {
        return query("status = 'PROPOSED'");
    }

    /**
     * Adds a term, or changes the English and note of the term with the same Chinese and source.
     *
     * @param source the outlet the term applies to; blank for every article
     * @throws IllegalArgumentException when the Chinese or the English is blank or too long
     */
    @Transactional
    public GlossaryTerm save(String chinese, String english, String note, String source) {
        return upsert(chinese, english, note, source, "ACCEPTED");
    }

    /** Removes a term or proposal. */
    @Transactional
    public void delete(long id) {
        jdbc.sql("delete from glossary_term where id = ? and owner_id = ?").params(id, currentUser.id()).update();
    }

    /** Accepts a proposal: it becomes a term (replacing an accepted one with the same Chinese and source). */
    @Transactional
    public void accept(long id) {
        find(id).ifPresent(p -> {
            jdbc.sql("delete from glossary_term where id = ? and owner_id = ?").params(id, currentUser.id()).update();
            upsert(p.chinese(), p.english(), p.note(), p.source(), "ACCEPTED");
        });
    }

    /** Accepted terms that apply to a source and occur in {@code text} (either script), longest first. */
    @Transactional(readOnly = true)
    public List<GlossaryEntry> termsFor(String text, String source, Direction direction) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String simplified = GlossaryMatcher.simplified(text);
        String lower = text.toLowerCase(Locale.ROOT);
        return terms().stream()
                .filter(t -> t.source() == null || t.source().equalsIgnoreCase(source == null ? "" : source.strip()))
                .filter(t -> direction == Direction.EN_TO_ZH
                        ? lower.contains(t.english().toLowerCase(Locale.ROOT))
                        : simplified.contains(GlossaryMatcher.simplified(t.chinese())))
                .sorted(Comparator.comparingInt((GlossaryTerm t) -> -t.chinese().length()))
                .map(GlossaryTerm::entry)
                .distinct()
                .toList();
    }

    /** The glossary version of a set of terms: a short hash, {@code "-"} when there are none (part of the cache key). */
    public static String version(List<GlossaryEntry> terms) {
        if (terms.isEmpty()) {
            return "-";
        }
        String joined = terms.stream().map(t -> t.chinese() + "\u0001" + t.english() + "\u0001" + (t.note() == null ? "" : t.note()))
                .sorted().reduce("", (a, b) -> a + "\u0002" + b);
        return TranslationCache.hash(joined).substring(0, 16);
    }

    /** The terms of {@code source} whose rendering the translation {@code output} lacks. */
    public static List<GlossaryEntry> missing(String source, String output, List<GlossaryEntry> terms, Direction direction) {
        if (output == null) {
            return List.of();
        }
        String simplifiedSource = GlossaryMatcher.simplified(source);
        String lowerOut = output.toLowerCase(Locale.ROOT);
        String lowerSource = source == null ? "" : source.toLowerCase(Locale.ROOT);
        return terms.stream().filter(t -> direction == Direction.EN_TO_ZH
                ? lowerSource.contains(t.english().toLowerCase(Locale.ROOT))
                        && !GlossaryMatcher.simplified(output).contains(GlossaryMatcher.simplified(t.chinese()))
                : simplifiedSource.contains(GlossaryMatcher.simplified(t.chinese()))
                        && !lowerOut.contains(t.english().toLowerCase(Locale.ROOT))).toList();
    }

    /** Stores the LLM's proposals that are not yet terms or proposals; returns how many were new. */
    @Transactional
    public int addProposals(List<ProposedTerm> proposed, String source) {
        int added = 0;
        for (ProposedTerm p : proposed) {
            String simplified = GlossaryMatcher.simplified(p.chinese().strip());
            Integer known = jdbc.sql("select count(*) from glossary_term where chinese_simplified = ? and owner_id = ?")
                    .params(simplified, currentUser.id()).query(Integer.class).single();
            if (known == 0) {
                upsert(p.chinese(), p.english(), p.kind(), null, "PROPOSED");
                added++;
            }
        }
        return added;
    }

    /** The accepted terms as CSV ({@value #CSV_HEADER}), UTF-8. */
    @Transactional(readOnly = true)
    public byte[] exportCsv() {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            csv.printRecord((Object[]) CSV_HEADER.split(","));
            for (GlossaryTerm t : terms()) {
                csv.printRecord(t.chinese(), t.english(), t.note(), t.source());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Imports CSV ({@value #CSV_HEADER}; the header line is optional; note and source may be left out). Rows with
     * the same Chinese and source as a term replace it.
     *
     * @return how many terms were imported
     * @throws IllegalArgumentException naming the line, when a row lacks the Chinese or the English; nothing is
     *                                  imported then
     */
    @Transactional
    public int importCsv(byte[] csv) {
        List<List<String>> rows = csvRows(new String(csv, StandardCharsets.UTF_8));
        int count = 0;
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (i == 0 && !row.isEmpty() && row.getFirst().strip().equalsIgnoreCase("chinese")) {
                continue;
            }
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            if (row.size() < 2 || row.get(0).isBlank() || row.get(1).isBlank()) {
                throw new IllegalArgumentException("Line " + (i + 1) + " needs a Chinese term and its English.");
            }
            upsert(row.get(0), row.get(1), row.size() > 2 ? row.get(2) : null, row.size() > 3 ? row.get(3) : null, "ACCEPTED");
            count++;
        }
        return count;
    }

    /** The rows of a CSV text (RFC 4180, through Apache Commons CSV), a leading byte order mark ignored. */
    private static List<List<String>> csvRows(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (CSVParser parser = CSVParser.parse(body, CSVFormat.DEFAULT)) {
            return parser.stream().map(CSVRecord::toList).toList();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException("The CSV could not be read: " + e.getMessage());
        }
    }

    private GlossaryTerm upsert(String chinese, String english, String note, String source, String status) {
        String zh = chinese == null ? "" : chinese.strip();
        String en = english == null ? "" : english.strip();
        if (zh.isEmpty() || en.isEmpty()) {
            throw new IllegalArgumentException("A term needs the Chinese and its English.");
        }
        if (zh.length() > 200 || en.length() > 500) {
            throw new IllegalArgumentException("The term or its English is too long.");
        }
        String src = source == null || source.isBlank() ? null : source.strip();
        String n = note == null || note.isBlank() ? null : note.strip();
        long owner = currentUser.id();
        jdbc.sql("delete from glossary_term where owner_id = ? and chinese = ? and status = ? and "
                        + (src == null ? "source_name is null" : "source_name = ?"))
                .params(src == null ? List.of(owner, zh, status) : List.of(owner, zh, status, src)).update();
        jdbc.sql("""
                        insert into glossary_term (chinese, chinese_simplified, english, note, source_name, status,
                            created_at, owner_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(zh, GlossaryMatcher.simplified(zh), en, n, src, status, OffsetDateTime.now(ZoneOffset.UTC),
                        owner)
                .update();
        return query("chinese = '" + zh.replace("'", "''") + "' and status = '" + status + "'").stream()
                .filter(t -> java.util.Objects.equals(t.source(), src)).findFirst().orElseThrow();
    }

    private Optional<GlossaryTerm> find(long id) {
        return query("id = " + id).stream().findFirst();
    }

    private List<GlossaryTerm> query(String where) {
        return jdbc.sql("select id, chinese, english, note, source_name, status from glossary_term where owner_id = "
                        + currentUser.id() + " and (" + where + ")"
                        + " order by chinese_simplified, source_name nulls first, id")
                .query((rs, n) -> new GlossaryTerm(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), "PROPOSED".equals(rs.getString(6))))
                .list();
    }
}
