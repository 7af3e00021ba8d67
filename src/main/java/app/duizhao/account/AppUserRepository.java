package app.duizhao.account;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface AppUserRepository extends JpaRepository<AppUser, Long> {

    Optional<AppUser> findByUsernameIgnoreCase(String username);

    Optional<AppUser> findByApiTokenHash(String apiTokenHash);

    List<AppUser> findByIdNotOrderByUsername(long id);

    /**
     * The account, its row locked until the transaction ends: changes that end sessions read and bump the session
     * generation one after another, also across instances, so none is lost and none renews a session another ended.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from AppUser u where u.id = :id")
    Optional<AppUser> lockById(long id);
}
