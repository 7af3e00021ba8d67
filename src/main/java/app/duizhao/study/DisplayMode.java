package app.duizhao.study;

/** How the reader shows the two columns. */
public enum DisplayMode {
    SIDE_BY_SIDE("Side by side"),
    CHINESE_ONLY("Chinese only"),
    ENGLISH_ONLY("English only"),
    ENGLISH_ON_HOVER("English hidden until hovered");

    private final String label;

    DisplayMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
