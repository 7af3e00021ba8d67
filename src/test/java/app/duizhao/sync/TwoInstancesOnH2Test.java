package app.duizhao.sync;

import java.util.List;
import java.util.UUID;

/** {@link TwoInstances} on one in-memory H2 database, shared by URL between the two contexts of this JVM. */
class TwoInstancesOnH2Test extends TwoInstances {

    private final String url = "jdbc:h2:mem:two-instances-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    List<String> database() {
        return List.of("--spring.datasource.url=" + url);
    }
}
