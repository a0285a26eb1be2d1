-- Staff who sign in: agents, supervisors, department staff and managers, administrators.
create table staff_account (
    username        text primary key,
    display_name    text    not null,
    title           text    not null,
    password_hash   text    not null,
    roles           text[]  not null,
    jurisdiction_id text    not null references jurisdiction (id),
    department_code text,
    person_key      text,
    enabled         boolean not null default true,
    foreign key (jurisdiction_id, department_code) references department (jurisdiction_id, code)
);
