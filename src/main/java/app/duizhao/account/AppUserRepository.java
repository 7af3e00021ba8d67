package app.duizhao.account;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

interface AppUserRepository extends JpaRepository<AppUser, Long> {

    Optional<AppUser> findByUsernameIgnoreCase(String username);

    Optional<AppUser> findByApiTokenHash(String apiTokenHash);

    List<AppUser> findByIdNotOrderByUsername(long id);
}
