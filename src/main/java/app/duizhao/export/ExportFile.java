package app.duizhao.export;

/**
 * A file to download.
 *
 * @param fileName    a safe file name
 * @param contentType its MIME type
 * @param content     the bytes
 */
public record ExportFile(String fileName, String contentType, byte[] content) {
}
