package app.duizhao.importing;

/** Placeholder: replaced by the full parser. */
public class PostParser {

    public ParsedPost parse(String text, String fileName) {
        String body = text;
        String title = fileName == null ? "Pasted text" : fileName;
        if (text.startsWith("---")) {
            int end = text.indexOf("\n---", 3);
            if (end < 0) {
                throw new ImportException("The front matter is not closed.");
            }
            for (String line : text.substring(3, end).split("\n")) {
                if (line.startsWith("title:")) {
                    title = line.substring(6).strip().replaceAll("^\"|\"$", "");
                }
            }
            body = text.substring(end + 4);
            return new ParsedPost(title, null, null, null, null, null, null, body, ParsedPost.BodyFormat.HTML);
        }
        return new ParsedPost(title, null, null, null, null, null, null, body, ParsedPost.BodyFormat.TEXT);
    }
}
