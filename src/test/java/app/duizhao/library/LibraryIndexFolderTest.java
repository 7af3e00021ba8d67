package app.duizhao.library;

import app.duizhao.sync.ChangeFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/** Two instances cannot share one index folder: the second one stops at startup and tells the operator why. */
class LibraryIndexFolderTest {

    @TempDir
    Path folder;

    @Test
    void aSecondInstanceOnTheSameIndexFolderStopsWithAClearMessage() throws Exception {
        LibraryIndex first = open();
        try {
            assertThatThrownBy(this::open)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another Duizhao instance")
                    .hasMessageContaining("DUIZHAO_DATA_DIR");
        } finally {
            first.close();
        }
        open().close(); // the folder is free again once the first one stopped
    }

    private LibraryIndex open() throws Exception {
        return new LibraryIndex(mock(JdbcTemplate.class), mock(PlatformTransactionManager.class),
                mock(ChangeFeed.class), folder.toString());
    }
}
