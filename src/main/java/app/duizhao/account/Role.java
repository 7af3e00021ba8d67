package app.duizhao.account;

/** What an account may do: every user reads their own library; an admin also manages accounts and settings. */
public enum Role {
    USER, ADMIN
}
