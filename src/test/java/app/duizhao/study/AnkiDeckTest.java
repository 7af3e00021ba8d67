package app.duizhao.study;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Anki decks, opened the way Anki reads them: the .apkg is a zip with {@code collection.anki2} (a SQLite
 * collection of schema 11: col, notes, cards, revlog, graves, with their documented columns) and {@code media}.
 */
class AnkiDeckTest {

    private static final List<AnkiDeck.Note> NOTES = List.of(
            new AnkiDeck.Note("大使", "dà shǐ", "ambassador", "中国驻美大使秦刚表示。", "Ambassador Qin Gang said.",
                    "中美乒乓外交50周年"),
            new AnkiDeck.Note("外交", "wài jiāo", "diplomacy; <foreign> affairs", "乒乓外交", null, "中美乒乓外交50周年"));

    @Test
    void theApkgIsAnAnkiCollectionInAZipWithOneNoteAndOneCardPerWord() throws Exception {
        byte[] apkg = AnkiDeck.apkg(NOTES, "Duizhao vocabulary", 1_765_000_000_000L);
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(apkg))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        assertThat(entries).containsOnlyKeys("collection.anki2", "media");
        assertThat(new String(entries.get("media"))).isEqualTo("{}");
        Path db = Files.createTempFile("collection", ".anki2");
        try {
            Files.write(db, entries.get("collection.anki2"));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
                assertThat(columns(s, "col")).containsExactly("id", "crt", "mod", "scm", "ver", "dty", "usn", "ls",
                        "conf", "models", "decks", "dconf", "tags");
                assertThat(columns(s, "notes")).containsExactly("id", "guid", "mid", "mod", "usn", "tags", "flds",
                        "sfld", "csum", "flags", "data");
                assertThat(columns(s, "cards")).containsExactly("id", "nid", "did", "ord", "mod", "usn", "type",
                        "queue", "due", "ivl", "factor", "reps", "lapses", "left", "odue", "odid", "flags", "data");
                assertThat(columns(s, "revlog")).containsExactly("id", "cid", "usn", "ease", "ivl", "lastIvl",
                        "factor", "time", "type");
                assertThat(columns(s, "graves")).containsExactly("usn", "oid", "type");

                ResultSet col = s.executeQuery("SELECT ver, models, decks FROM col");
                assertThat(col.next()).isTrue();
                assertThat(col.getInt(1)).isEqualTo(11);
                String models = col.getString(2);
                String decks = col.getString(3);
                assertThat(models).contains("\"name\": \"Duizhao word\"", "\"name\": \"Sentence\"",
                        "\"name\": \"English\"", "\"name\": \"Article\"", "{{Word}}");
                assertThat(decks).contains("\"name\": \"Duizhao vocabulary\"");

                ResultSet notes = s.executeQuery("SELECT id, mid, flds, sfld, csum, guid FROM notes ORDER BY id");
                List<String[]> fields = new ArrayList<>();
                while (notes.next()) {
                    assertThat(models).contains("\"" + notes.getLong(2) + "\": {\"id\": " + notes.getLong(2));
                    fields.add(notes.getString(3).split("\u001f", -1));
                    assertThat(notes.getLong(5)).isEqualTo(AnkiDeck.checksum(notes.getString(4)));
                }
                assertThat(fields).hasSize(2);
                assertThat(fields.get(0)).containsExactly("大使", "dà shǐ", "ambassador", "中国驻美大使秦刚表示。",
                        "Ambassador Qin Gang said.", "中美乒乓外交50周年");
                assertThat(fields.get(1)[2]).isEqualTo("diplomacy; &lt;foreign&gt; affairs");
                assertThat(fields.get(1)[4]).isEmpty();

                ResultSet cards = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT nid), MIN(did) = MAX(did), "
                        + "SUM(type), SUM(queue) FROM cards JOIN notes ON notes.id = cards.nid");
                assertThat(cards.next()).isTrue();
                assertThat(cards.getInt(1)).isEqualTo(2);
                assertThat(cards.getInt(2)).isEqualTo(2);
                assertThat(cards.getBoolean(3)).isTrue();
                assertThat(cards.getInt(4)).isZero(); // new cards
                ResultSet deckOfCards = s.executeQuery("SELECT DISTINCT did FROM cards");
                deckOfCards.next();
                assertThat(decks).contains("\"" + deckOfCards.getLong(1) + "\": {\"id\": " + deckOfCards.getLong(1));
            }
        } finally {
            Files.deleteIfExists(db);
        }
    }

    @Test
    void theTsvHasAnkisHeaderLinesAndOneNoteALine() {
        String tsv = AnkiDeck.tsv(NOTES, "duizhao");
        List<String> lines = tsv.lines().toList();
        assertThat(lines.subList(0, 4)).containsExactly("#separator:tab", "#html:false",
                "#columns:Word\tPinyin\tDefinition\tSentence\tEnglish\tArticle\tTags", "#tags column:7");
        assertThat(lines.get(4).split("\t", -1)).containsExactly("大使", "dà shǐ", "ambassador",
                "中国驻美大使秦刚表示。", "Ambassador Qin Gang said.", "中美乒乓外交50周年", "duizhao");
        assertThat(lines).hasSize(6);
    }

    @Test
    void knownWordListsAreReadFromPlainListsAnkiPlecoAndLingqExports() {
        assertThat(VocabularyDecks.wordsOfList("中国\n\n说话\n# comment\n中国\n")).containsExactly("中国", "说话");
        assertThat(VocabularyDecks.wordsOfList("#separator:tab\n大使\tdà shǐ\tambassador\n外交\twài jiāo\tdiplomacy\n"))
                .containsExactly("大使", "外交");
        assertThat(VocabularyDecks.wordsOfList("// Pleco\n中国[中國]\tzhong1guo2\tChina\n银行[銀行]\tyin2hang2\tbank\n"))
                .containsExactly("中国", "银行");
        assertThat(VocabularyDecks.wordsOfList("term,hint,status\n\"朋友\",friend,known\n学习,to study,known\n"))
                .containsExactly("朋友", "学习");
        assertThat(VocabularyDecks.wordsOfList("Word\tPinyin\nhello world\n这是一句话。\tx\n")).isEmpty();
    }

    private static List<String> columns(Statement s, String table) throws Exception {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
        }
        return names;
    }
}
