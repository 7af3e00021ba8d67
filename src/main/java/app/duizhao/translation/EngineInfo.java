package app.duizhao.translation;

/**
 * Describes an engine.
 *
 * @param provider {@code offline}, {@code openai} or {@code ollama}
 * @param model    the model name ({@code cc-cedict} for the offline engine)
 * @param kind     whether the output is a machine translation or an offline dictionary gloss
 */
public record EngineInfo(String provider, String model, OutputKind kind) {

    /** A label for the UI, such as {@code openai · gpt-4o-mini}. */
    public String label() {
        return provider + " · " + model;
    }
}
