package app.duizhao.api;

/** Every 4xx answer of the API: {@code {"error": "what is wrong, for a person"}}. */
public record ErrorJson(String error) {
}
