package app.duizhao.translation;

import java.util.List;

/**
 * What the model check found, in words a user understands ({@code POST /api/llm/check}, "Test connection").
 *
 * @param ok                  the server answered the probe
 * @param provider            the provider checked
 * @param model               the model checked
 * @param followsFormat       the model answered each probe paragraph in its own segment, as a translation
 * @param thinks              the model sent reasoning (apart or inside its answer)
 * @param temperatureAccepted the model took the temperature Duizhao asks for (reasoning models often refuse it)
 * @param outputLimit         the output limit each request asks for at most, and how it is named
 * @param contextWindow       the context window in use, in words
 * @param millis              how long the probe took
 * @param findings            one sentence per finding
 * @param recommendations     the settings it recommends
 * @param summary             everything above as one message
 */
public record ModelCheckReport(boolean ok, String provider, String model, boolean followsFormat, boolean thinks,
                               boolean temperatureAccepted, String outputLimit, String contextWindow, long millis,
                               List<String> findings, List<String> recommendations, String summary) {

    public ModelCheckReport {
        findings = List.copyOf(findings);
        recommendations = List.copyOf(recommendations);
    }

    /** A report without a model to check (the offline engine) or for a server that could not be used. */
    static ModelCheckReport simple(boolean ok, String provider, String model, String message) {
        return new ModelCheckReport(ok, provider, model, false, false, false, "", "", 0, List.of(message), List.of(),
                message);
    }
}
