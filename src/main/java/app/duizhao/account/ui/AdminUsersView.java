package app.duizhao.account.ui;

import app.duizhao.account.AccountService;
import app.duizhao.account.Role;
import app.duizhao.account.UserAccount;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/**
 * The admin's page of accounts ({@code /admin/users}): lists them, creates new ones, disables or enables them (a
 * disabled account cannot sign in, its API access is refused and its sessions end), and sets a new password for
 * someone who forgot theirs (their sessions end; they sign in again with it).
 */
@Route("admin/users")
@PageTitle("Users · Duizhao")
@RolesAllowed("ADMIN")
public class AdminUsersView extends VerticalLayout {

    final TextField username = new TextField("User name");
    final PasswordField password = new PasswordField("Password");
    final ComboBox<Role> role = new ComboBox<>("Role");
    final Button create = new Button("Create user");
    final Paragraph message = new Paragraph();
    final Grid<UserAccount> grid = new Grid<>();

    private final AccountService accounts;

    public AdminUsersView(AccountService accounts) {
        this.accounts = accounts;
        message.setId("admin-users-message");
        role.setItems(Role.values());
        role.setValue(Role.USER);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> create());
        grid.addColumn(UserAccount::username).setHeader("User name");
        grid.addColumn(UserAccount::role).setHeader("Role");
        grid.addColumn(u -> u.enabled() ? "yes" : "no").setHeader("Enabled");
        grid.addColumn(u -> u.hasApiToken() ? "yes" : "no").setHeader("API token");
        grid.addColumn(u -> u.createdAt().toLocalDate()).setHeader("Created");
        grid.addComponentColumn(this::enableButton).setHeader("").setKey("action");
        grid.addComponentColumn(this::passwordButton).setHeader("").setKey("password");
        HorizontalLayout form = new HorizontalLayout(username, password, role, create);
        form.setAlignItems(Alignment.BASELINE);
        add(new H2("Users"), form, message, grid);
        refresh();
    }

    private void create() {
        try {
            UserAccount created = accounts.create(username.getValue(), password.getValue(), role.getValue());
            message.setText("Created " + created.username() + ".");
            username.clear();
            password.clear();
            refresh();
        } catch (IllegalArgumentException e) {
            message.setText(e.getMessage());
        }
    }

    private Button enableButton(UserAccount user) {
        Button button = new Button(user.enabled() ? "Disable" : "Enable", click -> setEnabled(user, !user.enabled()));
        button.addThemeVariants(ButtonVariant.LUMO_SMALL);
        if (user.enabled()) {
            button.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        return button;
    }

    private Button passwordButton(UserAccount user) {
        Button button = new Button("New password", click -> openPasswordDialog(user));
        button.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return button;
    }

    private void openPasswordDialog(UserAccount user) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New password for " + user.username());
        PasswordField newPassword = new PasswordField("New password");
        newPassword.setId("reset-password");
        Paragraph note = new Paragraph("Their open sessions end; their API token stays valid.");
        Button set = new Button("Set password", click -> {
            try {
                UserAccount changed = accounts.resetPassword(user.id(), newPassword.getValue());
                message.setText("Set a new password for " + changed.username() + ".");
                dialog.close();
            } catch (IllegalArgumentException e) {
                newPassword.clear();
                newPassword.setErrorMessage(e.getMessage());
                newPassword.setInvalid(true);
            }
        });
        set.setId("reset-password-set");
        set.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(newPassword, note));
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), set);
        dialog.open();
    }

    private void setEnabled(UserAccount user, boolean enabled) {
        try {
            UserAccount changed = accounts.setEnabled(user.id(), enabled);
            message.setText((changed.enabled() ? "Enabled " : "Disabled ") + changed.username() + ".");
            refresh();
        } catch (IllegalArgumentException e) {
            message.setText(e.getMessage());
        }
    }

    private void refresh() {
        grid.setItems(accounts.list());
    }
}
