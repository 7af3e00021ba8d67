package app.duizhao.study;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Vocabulary as Anki decks (issue 16): a tab-separated file Anki imports as is, and an {@code .apkg} package — a zip
 * holding {@code collection.anki2}, a SQLite database in Anki's collection schema 11 (tables {@code col},
 * {@code notes}, {@code cards}, {@code revlog}, {@code graves}), written with the SQLite JDBC driver, and an empty
 * {@code media} map. One note type "Duizhao word" with the fields Word, Pinyin, Definition, Sentence, English,
 * Article; one card per note (word and sentence in front, the rest behind).
 */
public final class AnkiDeck {

    /** One note: the word with what the vocabulary knows of it. */
    public record Note(String word, String pinyin, String definition, String sentence, String english, String article) {

        List<String> fields() {
            return java.util.Arrays.asList(word, pinyin, definition, sentence, english, article);
        }
    }

    static final List<String> FIELDS = List.of("Word", "Pinyin", "Definition", "Sentence", "English", "Article");

    private AnkiDeck() {
    }

    /** The notes as Anki's text import reads them: header lines, then one note a line, tab-separated. */
    public static String tsv(List<Note> notes, String tags) {
        StringBuilder out = new StringBuilder("#separator:tab\n#html:false\n#columns:")
                .append(String.join("\t", FIELDS)).append("\tTags\n#tags column:").append(FIELDS.size() + 1).append('\n');
        for (Note note : notes) {
            for (String field : note.fields()) {
                out.append(flat(field)).append('\t');
            }
            out.append(flat(tags)).append('\n');
        }
        return out.toString();
    }

    private static String flat(String value) {
        if (value == null) {
            return "";
        }
        String flat = value.replaceAll("[\\t\\r\\n]+", " ").strip();
        if (flat.startsWith("#")) {
            flat = "＃" + flat.substring(1);
        }
        return flat.indexOf('"') >= 0 ? '"' + flat.replace("\"", "\"\"") + '"' : flat;
    }

    /** The notes as an {@code .apkg} deck named {@code deckName}. */
    public static byte[] apkg(List<Note> notes, String deckName, long nowMillis) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("duizhao-apkg");
            Path db = dir.resolve("collection.anki2");
            writeCollection(db, notes, deckName, nowMillis);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry("collection.anki2"));
                zip.write(Files.readAllBytes(db));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("media"));
                zip.write("{}".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the Anki deck: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temp file left behind
                }
            }
        }
    }

    private static void writeCollection(Path db, List<Note> notes, String deckName, long now) throws SQLException {
        long seconds = now / 1000;
        long modelId = 1_700_000_000_000L + 16; // fixed: the same note type on every export, so Anki updates notes
        long deckId = now;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, "
                        + "scm integer not null, ver integer not null, dty integer not null, usn integer not null, "
                        + "ls integer not null, conf text not null, models text not null, decks text not null, "
                        + "dconf text not null, tags text not null)");
                s.executeUpdate("CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, "
                        + "mod integer not null, usn integer not null, tags text not null, flds text not null, "
                        + "sfld integer not null, csum integer not null, flags integer not null, data text not null)");
                s.executeUpdate("CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, "
                        + "ord integer not null, mod integer not null, usn integer not null, type integer not null, "
                        + "queue integer not null, due integer not null, ivl integer not null, factor integer not null, "
                        + "reps integer not null, lapses integer not null, left integer not null, odue integer not null, "
                        + "odid integer not null, flags integer not null, data text not null)");
                s.executeUpdate("CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, "
                        + "ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, "
                        + "time integer not null, type integer not null)");
                s.executeUpdate("CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null)");
                s.executeUpdate("CREATE INDEX ix_notes_usn on notes (usn)");
                s.executeUpdate("CREATE INDEX ix_cards_usn on cards (usn)");
                s.executeUpdate("CREATE INDEX ix_revlog_usn on revlog (usn)");
                s.executeUpdate("CREATE INDEX ix_cards_nid on cards (nid)");
                s.executeUpdate("CREATE INDEX ix_cards_sched on cards (did, queue, due)");
                s.executeUpdate("CREATE INDEX ix_revlog_cid on revlog (cid)");
                s.executeUpdate("CREATE INDEX ix_notes_csum on notes (csum)");
            }
            try (PreparedStatement col = c.prepareStatement("INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')")) {
                col.setLong(1, seconds);
                col.setLong(2, now);
                col.setLong(3, now);
                col.setString(4, "{\"nextPos\": " + (notes.size() + 1) + ", \"estTimes\": true, \"activeDecks\": [1], "
                        + "\"sortType\": \"noteFld\", \"timeLim\": 0, \"sortBackwards\": false, \"addToCur\": true, "
                        + "\"curDeck\": 1, \"newBury\": true, \"newSpread\": 0, \"dueCounts\": true, \"curModel\": \""
                        + modelId + "\", \"collapseTime\": 1200}");
                col.setString(5, models(modelId, deckId, seconds));
                col.setString(6, decks(deckId, deckName, seconds));
                col.setString(7, DCONF);
                col.executeUpdate();
            }
            try (PreparedStatement note = c.prepareStatement("INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')");
                 PreparedStatement card = c.prepareStatement(
                         "INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')")) {
                int position = 0;
                for (Note n : notes) {
                    position++;
                    long id = now + position;
                    note.setLong(1, id);
                    note.setString(2, guid(n.word()));
                    note.setLong(3, modelId);
                    note.setLong(4, seconds);
                    note.setString(5, " duizhao ");
                    note.setString(6, String.join("\u001f", n.fields().stream()
                            .map(f -> f == null ? "" : escapeHtml(f)).toList()));
                    note.setString(7, n.word());
                    note.setLong(8, checksum(n.word()));
                    note.executeUpdate();
                    card.setLong(1, id);
                    card.setLong(2, id);
                    card.setLong(3, deckId);
                    card.setLong(4, seconds);
                    card.setInt(5, position);
                    card.executeUpdate();
                }
            }
            c.commit();
        }
    }

    /** A stable guid per word, so importing a newer export updates the notes instead of adding twice. */
    static String guid(String word) {
        return "dz" + HexFormat.of().formatHex(sha1(word)).substring(0, 10);
    }

    /** Anki's checksum of the sort field: the first 8 hex digits of its SHA-1, as a number. */
    static long checksum(String field) {
        return Long.parseLong(HexFormat.of().formatHex(sha1(field)).substring(0, 8), 16);
    }

    private static byte[] sha1(String s) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String models(long modelId, long deckId, long seconds) {
        StringBuilder flds = new StringBuilder();
        for (int i = 0; i < FIELDS.size(); i++) {
            if (i > 0) {
                flds.append(", ");
            }
            flds.append("{\"name\": ").append(json(FIELDS.get(i))).append(", \"ord\": ").append(i)
                    .append(", \"sticky\": false, \"rtl\": false, \"font\": \"Arial\", \"size\": 20, \"media\": []}");
        }
        String front = "<div class=\"word\">{{Word}}</div><div class=\"sentence\">{{Sentence}}</div>";
        String back = "{{FrontSide}}<hr id=answer><div class=\"pinyin\">{{Pinyin}}</div><div>{{Definition}}</div>"
                + "<div class=\"english\">{{English}}</div><div class=\"article\">{{Article}}</div>";
        return "{\"" + modelId + "\": {\"id\": " + modelId + ", \"name\": \"Duizhao word\", \"type\": 0, \"mod\": "
                + seconds + ", \"usn\": -1, \"sortf\": 0, \"did\": " + deckId + ", \"tmpls\": [{\"name\": \"Recognition\", "
                + "\"ord\": 0, \"qfmt\": " + json(front) + ", \"afmt\": " + json(back) + ", \"did\": null, \"bqfmt\": \"\", "
                + "\"bafmt\": \"\"}], \"flds\": [" + flds + "], \"css\": "
                + json(".card { font-family: sans-serif; font-size: 22px; text-align: center; } "
                + ".word { font-size: 40px; } .english, .article { color: #666; font-size: 16px; }")
                + ", \"latexPre\": \"\", \"latexPost\": \"\", \"latexsvg\": false, \"req\": [[0, \"any\", [0]]], "
                + "\"tags\": [], \"vers\": []}}";
    }

    private static String decks(long deckId, String name, long seconds) {
        String common = ", \"mod\": " + seconds + ", \"usn\": -1, \"lrnToday\": [0, 0], \"revToday\": [0, 0], "
                + "\"newToday\": [0, 0], \"timeToday\": [0, 0], \"collapsed\": false, \"desc\": \"\", \"dyn\": 0, "
                + "\"conf\": 1, \"extendNew\": 10, \"extendRev\": 50}";
        return "{\"1\": {\"id\": 1, \"name\": \"Default\"" + common + ", \"" + deckId + "\": {\"id\": " + deckId
                + ", \"name\": " + json(name) + common + "}";
    }

    private static final String DCONF = "{\"1\": {\"id\": 1, \"name\": \"Default\", \"replayq\": true, \"lapse\": "
            + "{\"leechFails\": 8, \"minInt\": 1, \"delays\": [10], \"leechAction\": 0, \"mult\": 0}, \"rev\": "
            + "{\"perDay\": 200, \"fuzz\": 0.05, \"ivlFct\": 1, \"maxIvl\": 36500, \"ease4\": 1.3, \"bury\": false, "
            + "\"minSpace\": 1}, \"timer\": 0, \"maxTaken\": 60, \"usn\": 0, \"new\": {\"perDay\": 20, \"delays\": "
            + "[1, 10], \"separate\": true, \"ints\": [1, 4, 7], \"initialFactor\": 2500, \"bury\": false, "
            + "\"order\": 1}, \"mod\": 0, \"autoplay\": true}}";
}
