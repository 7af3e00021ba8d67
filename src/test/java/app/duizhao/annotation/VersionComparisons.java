package app.duizhao.annotation;

/** Opens the package-private comparer to the benchmarks in {@code app.duizhao.bench}. Test code only. */
public final class VersionComparisons {

    private VersionComparisons() {
    }

    /** What {@link AnnotationService#compare} computes for two states already loaded. */
    public static VersionDiff compare(AnnotatedArticle older, AnnotatedArticle newer) {
        return VersionComparer.compare(1, 2, older, newer);
    }
}
