package app.duizhao.annotation;

/**
 * A block's note as just saved, with the block's revision after the save (to open the next edit at).
 *
 * @param text     the whole note
 * @param revision the block's revision after the save
 */
public record SavedNote(String text, long revision) {
}
