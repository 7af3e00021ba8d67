package app.duizhao.account;

import app.duizhao.account.ui.LoginView;
import com.vaadin.flow.spring.security.NavigationAccessControlConfigurer;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may reach what. Accounts off (the default): everything is open, exactly as before accounts existed. Accounts
 * on: form login (Vaadin's login view) for the views; HTTP Basic or {@code Authorization: Bearer <API token>} for
 * {@code /api/**}, stateless and without CSRF; {@code /actuator/health} and {@code /actuator/info} stay public.
 */
final class SecurityConfig {

    private SecurityConfig() {
    }

    /** Accounts off: a laptop with one user and no login. */
    @Configuration
    @ConditionalOnProperty(name = "duizhao.auth.enabled", havingValue = "false", matchIfMissing = true)
    static class Open {

        @Bean
        SecurityFilterChain openChain(HttpSecurity http) throws Exception {
            // Vaadin guards its own requests against CSRF; there is no login session to protect elsewhere.
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable());
            return http.build();
        }

        /** No view checks: the view annotations only matter when people sign in. */
        @Bean
        NavigationAccessControlConfigurer navigationAccessControlConfigurer() {
            return new NavigationAccessControlConfigurer().disabled();
        }
    }

    /** Accounts on: a server shared by many people. */
    @Configuration
    @ConditionalOnProperty(name = "duizhao.auth.enabled", havingValue = "true")
    static class Accounts {

        @Bean
        PasswordEncoder passwordEncoder(AccountService accounts) {
            return accounts.passwordEncoder();
        }

        @Bean
        @Order(1)
        SecurityFilterChain apiChain(HttpSecurity http, AccountService accounts, PasswordEncoder encoder,
                                     CurrentUser currentUser)
                throws Exception {
            DaoAuthenticationProvider provider = new DaoAuthenticationProvider(accounts);
            provider.setPasswordEncoder(encoder);
            AuthenticationManager manager = new ProviderManager(provider);
            HttpStatusEntryPoint unauthorized = new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED);
            http.securityMatcher("/api/**")
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .authenticationManager(manager)
                    .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                    .addFilterBefore(new ApiTokenFilter(accounts, currentUser.securityContexts()), BasicAuthenticationFilter.class)
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .csrf(csrf -> csrf.disable())
                    .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain viewChain(HttpSecurity http, AccountService accounts, CurrentUser currentUser,
                                      LoginThrottle throttle) throws Exception {
            // The sign-in form: same origin, CSRF token, and throttled per account and address (LoginGuard).
            http.addFilterBefore(new LoginGuard(throttle), UsernamePasswordAuthenticationFilter.class);
            // A session of a disabled account, or one whose sessions a password change or reset ended, ends at its next
            // request, before any access decision.
            http.addFilterBefore(new SignedInSessionFilter(accounts, currentUser.securityContexts()), AuthorizationFilter.class);
            http.authorizeHttpRequests(requests -> requests
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                    // The error page: an /api request answered 401 or 404 is rendered there, and must stay 401/404.
                    .requestMatchers("/styles/**", "/error").permitAll());
            http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
            return http.build();
        }
    }
}
