-- The identity at the city's OpenID provider an account was first signed in with (issuer and subject, which the
-- provider never reassigns). A user name claim can often be changed by its user or reused; the subject cannot, so
-- someone renamed "admin" at the provider is not the administrator here.
alter table staff_account add column oidc_issuer text;
alter table staff_account add column oidc_subject text;
create unique index staff_account_oidc_identity on staff_account (oidc_issuer, oidc_subject)
    where oidc_subject is not null;
