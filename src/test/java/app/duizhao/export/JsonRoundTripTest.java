package app.duizhao.export;

import app.duizhao.annotation.AnnotationService;
import app.duizhao.annotation.DraftField;
import app.duizhao.annotation.EditConflictException;
import app.duizhao.annotation.HighlightColour;
import app.duizhao.annotation.HighlightInfo;
import app.duizhao.annotation.Side;
import app.duizhao.annotation.VersionDiff;
import app.duizhao.importing.ImportException;
import app.duizhao.importing.ImportService;
import app.duizhao.library.ArticleAccess;
import app.duizhao.library.ArticleEditor;
import app.duizhao.library.TextHash;
import app.duizhao.library.ArticleSnapshot.SnapshotBlock;
import app.duizhao.library.LibraryService;
import app.duizhao.translation.Direction;
import app.duizhao.translation.GlossaryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JSON export round trip with everything an article can hold: export, import, export again, and the two
 * documents are the same except for what must change.
 *
 * <p>What changes, and why: the database ids (the article's {@code id} in {@code article} and in each version, and
 * each highlight's {@code urn:duizhao:highlight:N} id) are assigned by the database that imports; the ids of
 * highlights must still be linked the same way (a version's highlight names the live highlight it was copied
 * from), so they are compared after renaming each distinct id by its first appearance. {@code exportedAt} is when
 * the file was written, and the article's {@code importedAt} is when it entered this library (it is new here, so
 * it sorts as a new import). Everything else, highlight and draft times included, stays.
 */
@SpringBootTest
@ActiveProfiles("test")
class JsonRoundTripTest {

    static final String POST = """
            ---
            title: "乒乓外交五十年"
            date: 2021-04-10T08:00:00.000Z
            author: 测试记者
            from: https://example.org/news/pingpong-50
            tags: [ 体育, 外交 ]
            categories: [ 国际 ]
            ---
            <div>
            <p>五十年前，一场乒乓球比赛打开了中美关系的大门。</p>
            <div class="advert">广告：买一副好球拍，打出好成绩。</div>
            <p>当年的运动员回忆说，那是一段难忘的经历。</p>
            <div class="related-links"><a href="https://example.org/a">相关阅读：乒乓球的历史与今天</a></div>
            <p>两国关系从此走上了新的道路。</p>
            <div><img src="https://example.org/img/pingpong.jpg" width="100%"><br>一九七一年的比赛现场。</div>
            <p>专家认为，民间交流仍然很重要。</p>
            </div>
            """;

    @Autowired
    ImportService importer;

    @Autowired
    AnnotationService annotations;

    @Autowired
    LibraryService library;

    @Autowired
    ExportService exports;

    @Autowired
    ArticleEditor editor;

    @Autowired
    ArticleAccess access;

    @Autowired
    GlossaryService glossary;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    final JsonMapper mapper = JsonMapper.builder().build();

    long id;

    /** An article with everything: see the class comment of the export ({@code JsonCodec}). */
    @BeforeEach
    void everythingPopulated() {
        String unique = POST.replace("民间交流仍然很重要。", "民间交流仍然很重要。" + System.nanoTime() + "。")
                .replace("pingpong-50", "pingpong-" + System.nanoTime());
        id = importer.importFile("pingpong.md", unique.getBytes(StandardCharsets.UTF_8)).articleId();
        transactions.executeWithoutResult(status -> {
            var blocks = access.require(id).getBlocks();
            editor.recordTranslation(blocks.get(0).getId(), TextHash.of(blocks.get(0).getText()),
                    "Fifty years ago, a table tennis match opened the door to China-US relations.", "LLM", "model-a");
            editor.recordTranslation(blocks.get(1).getId(), TextHash.of(blocks.get(1).getText()),
                    "The athletes of the time recall that it was an unforgettable experience.", "LLM", "model-b");
            editor.recordTranslation(blocks.get(2).getId(), TextHash.of(blocks.get(2).getText()),
                    "两国 (liǎngguó) two countries …", "OFFLINE", null);
            editor.recordTranslationError(blocks.get(4).getId(), TextHash.of(blocks.get(4).getText()),
                    "The provider answered 503 Service Unavailable.");
            editor.recordSummary(id, "Ping-pong diplomacy turns fifty.\n- the 1971 match", "LLM", "summary-model");
            editor.recordTranslationEngine(id, "LLM", "model-a");
        });
        assertThat(library.snapshot(id).orElseThrow().blocks()).hasSize(6);

        // Hand corrections, saved through the revision check (two saves: revision 2), the machine text kept.
        long opened = annotations.revision(id, 1);
        opened = annotations.correctEnglish(id, 1, opened, "The athletes of that time remember it vividly.");
        annotations.correctEnglish(id, 1, opened, "Athletes of that time remember an unforgettable experience.");
        annotations.setNote(id, 0, "The *famous* match.\n\nSee also [[Ping-pong diplomacy]].");
        annotations.setNote(id, 2, "Offline gloss only.");

        // Highlights on both sides, in several colours, with and without notes.
        HighlightInfo relations = annotations.addHighlight(id, 0, Side.ZH, 15, 19, HighlightColour.GREEN,
                "Sino-US **relations**");
        annotations.addHighlight(id, 0, Side.EN, 19, 31, HighlightColour.PINK, null);
        annotations.addHighlight(id, 1, Side.ZH, 0, 2, HighlightColour.BLUE, "then");
        HighlightInfo dropped = annotations.addHighlight(id, 2, Side.ZH, 0, 2, HighlightColour.PURPLE, "to drop");
        annotations.setTags(id, List.of("history", "外交"));
        annotations.saveVersion(id, "first reading");

        // Changes after version 1: a highlight recoloured, one removed (only version 1 has it), one made orphan.
        annotations.updateHighlight(relations.id(), HighlightColour.YELLOW, "Sino-US relations, recoloured");
        annotations.deleteHighlight(dropped.id());
        annotations.addHighlight(id, 1, Side.EN, 0, 8, HighlightColour.BLUE, "will be orphaned");
        annotations.correctEnglish(id, 1, annotations.revision(id, 1), "They remember an unforgettable experience.");
        annotations.setTags(id, List.of("history", "外交", "sport"));
        annotations.saveVersion(id, "second reading");
        annotations.saveVersion(id, null);

        // Drafts: unsaved text of two editors, and a text kept from an edit conflict.
        annotations.saveDraft(id, 5, DraftField.NOTE, "a note I had not saved");
        annotations.saveDraft(id, 0, DraftField.ENGLISH, "Half a sentence");
        assertThatThrownBy(() -> annotations.setNote(id, 2, 0, "my note from another tab"))
                .isInstanceOf(EditConflictException.class);

        // A per-source glossary term: the user's, not the article's (see glossaryTermsAreNotPartOfTheArticle).
        glossary.save("乒乓外交", "ping-pong diplomacy", null, "国际");
    }

    @Test
    void anArticleWithEverythingExportsImportsAndExportsAgainToTheSameJson() {
        byte[] first = exports.export(id, null, ExportFormat.JSON).content();
        JsonNode before = mapper.readTree(first);
        assertEverythingIsInTheExport(before);

        // A restore from the export: a library that still has the same article would answer that one (a no-op).
        library.delete(id);
        long copy = exports.importJson(first).articleId();
        byte[] second = exports.export(copy, null, ExportFormat.JSON).content();
        JsonNode after = mapper.readTree(second);

        assertThat(copy).isNotEqualTo(id);
        assertThat(after.path("article").path("id").asLong()).isEqualTo(copy);
        assertThat(after.path("versions")).allSatisfy(v -> assertThat(v.path("id").asLong()).isEqualTo(copy));
        assertThat(after.path("article").path("importedAt").asString())
                .isNotEqualTo(before.path("article").path("importedAt").asString());
        assertThat(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(normalised(after)))
                .isEqualTo(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(normalised(before)));
    }

    @Test
    void versionsSurviveTheRoundTripAsVersionsAndCompareTheSame() {
        long copy = exports.importJson(exports.export(id, null, ExportFormat.JSON).content()).articleId();

        assertThat(annotations.versions(copy)).extracting(v -> v.number() + ":" + v.message() + "@" + v.savedAt())
                .containsExactlyElementsOf(annotations.versions(id).stream()
                        .map(v -> v.number() + ":" + v.message() + "@" + v.savedAt()).toList());
        assertThat(annotations.version(copy, 1).orElseThrow().blocks())
                .isEqualTo(annotations.version(id, 1).orElseThrow().blocks());
        for (int[] pair : new int[][]{{1, 2}, {2, 3}, {1, 3}}) {
            assertThat(describe(annotations.compare(copy, pair[0], pair[1])))
                    .as("compare %d and %d", pair[0], pair[1])
                    .isEqualTo(describe(annotations.compare(id, pair[0], pair[1])));
        }
        assertThat(describe(annotations.compare(copy, (Integer) 1, null)))
                .isEqualTo(describe(annotations.compare(id, (Integer) 1, null)));
        // The highlight recoloured after version 1 is the same highlight in both versions of the copy too.
        VersionDiff diff = annotations.compare(copy, 1, 2);
        assertThat(diff.blocks().getFirst().changed()).singleElement()
                .satisfies(c -> assertThat(c.after().colour()).isEqualTo(HighlightColour.YELLOW));
        assertThat(diff.blocks()).filteredOn(b -> b.position() == 2).singleElement()
                .satisfies(b -> assertThat(b.removed()).extracting(HighlightInfo::note).containsExactly("to drop"));
    }

    @Test
    void theCopyHoldsTheRemovedFragmentsDraftsAndEditCountsInTheDatabase() {
        long copy = exports.importJson(exports.export(id, null, ExportFormat.JSON).content()).articleId();

        assertThat(annotations.drafts(copy)).extracting(d -> d.blockPosition() + ":" + d.field() + ":" + d.text()
                        + "@" + d.savedAt())
                .containsExactlyElementsOf(annotations.drafts(id).stream().map(d -> d.blockPosition() + ":"
                        + d.field() + ":" + d.text() + "@" + d.savedAt()).toList());
        assertThat(annotations.revisions(copy)).isEqualTo(annotations.revisions(id)).containsEntry(1, 3L);
        assertThat(jdbc.queryForList("select reason, text, next_block from removed_block where article_id = ? "
                + "order by position", copy)).hasSize(2)
                .isEqualTo(jdbc.queryForList("select reason, text, next_block from removed_block "
                        + "where article_id = ? order by next_block, position", id));
        SnapshotBlock gloss = library.snapshot(copy).orElseThrow().blocks().get(2);
        assertThat(gloss.machineKind()).isEqualTo("OFFLINE");
        assertThat(gloss.machineModel()).isNull();
        assertThat(library.snapshot(copy).orElseThrow().blocks().get(4).error()).contains("503");
        assertThat(annotations.highlights(copy)).filteredOn(HighlightInfo::orphaned).singleElement()
                .satisfies(h -> assertThat(h.note()).isEqualTo("will be orphaned"));
        // The edit count goes on from the imported one: an editor opened at it saves without a conflict.
        assertThat(annotations.setNote(copy, 1, annotations.revision(copy, 1), "after the import")).isEqualTo(4L);
    }

    @Test
    void aHighlightNoteKeptFromAConflictFindsItsHighlightInTheCopy() {
        HighlightInfo then = annotations.highlights(id).stream().filter(h -> "then".equals(h.note())).findFirst()
                .orElseThrow();
        annotations.updateHighlight(then, null, "their note");
        assertThatThrownBy(() -> annotations.updateHighlight(then, HighlightColour.PURPLE, "my kept note"))
                .isInstanceOf(app.duizhao.annotation.HighlightConflictException.class);

        byte[] json = exports.export(id, null, ExportFormat.JSON).content();
        library.delete(id); // a restore: a library that still has the article would answer that one
        long copy = exports.importJson(json).articleId();

        assertThat(annotations.highlightDrafts(copy)).singleElement().satisfies(d -> {
            assertThat(d.note()).isEqualTo("my kept note");
            assertThat(d.colour()).isEqualTo(HighlightColour.PURPLE);
            assertThat(d.current()).as("found by its quote: the copy's highlight has a new id").isNotNull();
            assertThat(d.current().id()).isNotEqualTo(then.id());
            assertThat(d.current().note()).isEqualTo("their note");
        });
    }

    @Test
    void glossaryTermsAreNotPartOfTheArticleYetStillApplyToTheCopy() {
        int termsBefore = glossary.terms().size();
        long copy = exports.importJson(exports.export(id, null, ExportFormat.JSON).content()).articleId();

        assertThat(glossary.terms()).hasSize(termsBefore);
        String source = library.snapshot(copy).orElseThrow().sourceName();
        assertThat(source).isEqualTo(library.snapshot(id).orElseThrow().sourceName());
        assertThat(glossary.termsFor("乒乓外交", source, Direction.ZH_TO_EN)).isNotEmpty();
    }

    @Test
    void anExportOfTheOlderSchemaStillImports() throws Exception {
        byte[] schema1;
        try (InputStream in = getClass().getResourceAsStream("/export/schema-1.json")) {
            schema1 = in.readAllBytes();
        }
        assertThat(mapper.readTree(schema1).path("schemaVersion").asInt()).isEqualTo(1);

        long imported = exports.importJson(schema1).articleId();

        var article = library.snapshot(imported).orElseThrow();
        assertThat(article.title()).isEqualTo("乒乓外交五十年");
        assertThat(article.blocks()).hasSize(4);
        assertThat(article.blocks().getFirst().note()).isEqualTo("The *famous* match.");
        assertThat(article.blocks().get(1).correctedEnglish()).isEqualTo("Athletes recall an experience they never forgot.");
        // Schema 1 named only the article's model: it stands for each block's and the summary's.
        assertThat(article.blocks().getFirst().machineModel()).isEqualTo("gpt-test-1");
        assertThat(article.summaryModel()).isEqualTo("gpt-test-1");
        assertThat(annotations.highlights(imported)).hasSize(3).filteredOn(HighlightInfo::orphaned).hasSize(1);
        assertThat(annotations.tags(imported)).containsExactly("history", "外交");
        assertThat(annotations.versions(imported)).singleElement()
                .satisfies(v -> assertThat(v.message()).isEqualTo("first reading"));
        assertThat(annotations.annotated(imported, 1).orElseThrow().highlights()).hasSize(2);
        // Version 1's highlights are linked to the live ones again: only what changed since shows.
        VersionDiff sinceVersion1 = annotations.compare(imported, (Integer) 1, null);
        assertThat(sinceVersion1.to()).isEqualTo(VersionDiff.CURRENT);
        assertThat(sinceVersion1.blocks()).singleElement().satisfies(b -> {
            assertThat(b.position()).isEqualTo(1);
            assertThat(b.english().after()).isEqualTo("Athletes recall an experience they never forgot.");
            assertThat(b.added()).extracting(HighlightInfo::note).containsExactly("will be orphaned");
            assertThat(b.removed()).isEmpty();
            assertThat(b.changed()).isEmpty();
        });
        assertThat(mapper.readTree(exports.export(imported, null, ExportFormat.JSON).content())
                .path("schemaVersion").asInt()).isEqualTo(JsonCodec.SCHEMA_VERSION);
    }

    @Test
    void badInputTouchesNothingStored() {
        byte[] good = exports.export(id, null, ExportFormat.JSON).content();
        // Restoring into a library without the article, so every file is read to the end (one the library already
        // has is answered by the stored article before anything else).
        library.delete(id);
        Map<String, Integer> before = rowCounts();
        ObjectNode newer = (ObjectNode) mapper.readTree(good);
        newer.put("schemaVersion", JsonCodec.SCHEMA_VERSION + 1);
        ObjectNode badDraft = (ObjectNode) mapper.readTree(good);
        ((ObjectNode) badDraft.path("article").path("drafts").get(0)).put("field", "title");
        ObjectNode badRemoved = (ObjectNode) mapper.readTree(good);
        ((ObjectNode) badRemoved.path("article").path("removed").get(0)).put("nextBlock", 99);
        ObjectNode badRevision = (ObjectNode) mapper.readTree(good);
        ((ObjectNode) badRevision.path("article").path("blocks").get(1)).put("revision", "many");
        // Found only while storing, after the article and its highlights are written: all of it is rolled back.
        ObjectNode twice = (ObjectNode) mapper.readTree(good);
        ((ArrayNode) twice.path("versions")).add(twice.path("versions").get(0).deepCopy());

        assertThatThrownBy(() -> exports.importJson(mapper.writeValueAsBytes(newer)))
                .isInstanceOf(ImportException.class).hasMessageContaining("newer Duizhao");
        assertThatThrownBy(() -> exports.importJson("{\"format\": \"something-else\", \"article\": {}}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ImportException.class).hasMessageContaining("not a Duizhao export");
        assertThatThrownBy(() -> exports.importJson(java.util.Arrays.copyOf(good, good.length - 40)))
                .isInstanceOf(ImportException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> exports.importJson(mapper.writeValueAsBytes(badDraft)))
                .isInstanceOf(ImportException.class).hasMessageContaining("article.drafts[0].field");
        assertThatThrownBy(() -> exports.importJson(mapper.writeValueAsBytes(badRemoved)))
                .isInstanceOf(ImportException.class).hasMessageContaining("article.removed[0].nextBlock");
        assertThatThrownBy(() -> exports.importJson(mapper.writeValueAsBytes(badRevision)))
                .isInstanceOf(ImportException.class).hasMessageContaining("article.blocks[1].revision");
        assertThatThrownBy(() -> exports.importJson(mapper.writeValueAsBytes(twice)))
                .isInstanceOf(ImportException.class).hasMessageContaining("twice");

        assertThat(rowCounts()).isEqualTo(before);
    }

    private Map<String, Integer> rowCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (String table : List.of("article", "article_block", "removed_block", "highlight", "article_tag", "draft",
                "block_revision", "article_version", "version_block", "version_highlight", "glossary_term")) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table, Integer.class));
        }
        return counts;
    }

    private static void assertEverythingIsInTheExport(JsonNode root) {
        JsonNode article = root.path("article");
        assertThat(root.path("schemaVersion").asInt()).isEqualTo(JsonCodec.SCHEMA_VERSION);
        assertThat(article.path("author").asString()).isEqualTo("测试记者");
        assertThat(article.path("sourceUrl").asString()).startsWith("https://example.org/news/pingpong-");
        assertThat(article.path("publishedAt").asString()).isEqualTo("2021-04-10T08:00Z");
        assertThat(article.path("originalFileName").asString()).isEqualTo("pingpong.md");
        assertThat(article.path("summaryModel").asString()).isEqualTo("summary-model");
        JsonNode blocks = article.path("blocks");
        assertThat(blocks.get(0).path("machineModel").asString()).isEqualTo("model-a");
        assertThat(blocks.get(1).path("machineModel").asString()).isEqualTo("model-b");
        assertThat(blocks.get(1).path("machineEnglish").asString()).startsWith("The athletes of the time");
        assertThat(blocks.get(1).path("correctedEnglish").asString()).startsWith("They remember");
        assertThat(blocks.get(1).path("revision").asInt()).isEqualTo(3);
        assertThat(blocks.get(2).path("machineKind").asString()).isEqualTo("OFFLINE");
        assertThat(blocks.get(3).path("kind").asString()).isEqualTo("image");
        assertThat(blocks.get(4).path("translationError").asString()).contains("503");
        assertThat(article.path("removed")).hasSize(2);
        assertThat(article.path("removed").get(0).path("reason").asString()).isEqualTo("ad");
        assertThat(article.path("removed").get(0).path("nextBlock").asInt()).isEqualTo(1);
        assertThat(article.path("drafts")).extracting(d -> d.path("field").asString())
                .containsExactlyInAnyOrder("english", "note", "conflict-note");
        assertThat(article.path("tags")).extracting(JsonNode::asString).containsExactly("history", "sport", "外交");
        assertThat(article.path("annotations")).hasSize(4)
                .anySatisfy(a -> assertThat(a.path("orphaned").asBoolean()).isTrue())
                .anySatisfy(a -> assertThat(a.path("target").path("source").asString()).endsWith(":en"))
                .allSatisfy(a -> assertThat(a.path("created").asString()).isNotBlank());
        assertThat(root.path("versions")).extracting(v -> v.path("message").isNull() ? null
                : v.path("message").asString()).containsExactly("first reading", "second reading", null);
        assertThat(root.path("versions").get(0).path("annotations")).hasSize(4);
    }

    /** The document without what must change: see the class comment. */
    private static JsonNode normalised(JsonNode root) {
        JsonNode copy = root.deepCopy();
        ((ObjectNode) copy).remove("exportedAt");
        ((ObjectNode) copy.path("article")).remove("importedAt");
        ((ObjectNode) copy.path("article")).remove("id");
        for (JsonNode version : copy.path("versions")) {
            ((ObjectNode) version).remove("id");
        }
        renameHighlightIds(copy, new HashMap<>());
        return copy;
    }

    private static void renameHighlightIds(JsonNode node, Map<String, String> names) {
        if (node instanceof ObjectNode object && object.path("id").isString()
                && object.path("id").asString().startsWith(JsonCodec.HIGHLIGHT_ID)) {
            String id = object.path("id").asString();
            object.set("id", StringNode.valueOf(names.computeIfAbsent(id, x -> "highlight-" + (names.size() + 1))));
        }
        for (JsonNode child : node) {
            renameHighlightIds(child, names);
        }
    }

    private static String describe(VersionDiff diff) {
        StringBuilder out = new StringBuilder("tags +" + diff.tagsAdded() + " -" + diff.tagsRemoved() + "\n");
        for (VersionDiff.BlockDiff b : diff.blocks()) {
            out.append(b.position()).append(' ').append(b.text()).append(b.english()).append(b.machineEnglish())
                    .append(b.note()).append(" +").append(b.added().stream().map(JsonRoundTripTest::describe).toList())
                    .append(" -").append(b.removed().stream().map(JsonRoundTripTest::describe).toList())
                    .append(" ~").append(b.changed().stream().map(c -> describe(c.before()) + ">"
                            + describe(c.after())).toList()).append('\n');
        }
        return out.toString();
    }

    private static String describe(HighlightInfo h) {
        return h.side() + ":" + h.exact() + ":" + h.colour() + ":" + h.note() + ":" + h.orphaned();
    }
}
