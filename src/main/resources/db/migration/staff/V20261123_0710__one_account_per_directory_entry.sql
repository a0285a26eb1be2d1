-- Administrators link accounts to the people directory from the console: escalations to a person reach one account.
create unique index staff_account_person on staff_account (jurisdiction_id, person_key) where person_key is not null;
