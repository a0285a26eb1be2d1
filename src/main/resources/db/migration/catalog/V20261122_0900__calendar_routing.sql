-- Business calendars, duplicate and repeat policies, routing rules with their area supervisors, reply templates.

create table working_hours (
    jurisdiction_id text not null references jurisdiction (id),
    day_of_week     int  not null check (day_of_week between 1 and 7),
    opens           time not null,
    closes          time not null check (closes > opens),
    primary key (jurisdiction_id, day_of_week)
);

create table holiday (
    jurisdiction_id text not null references jurisdiction (id),
    day             date not null,
    name            text not null,
    primary key (jurisdiction_id, day)
);

alter table service_type
    add column duplicate_radius_m int not null default 50 check (duplicate_radius_m >= 0),
    add column repeat_threshold   int not null default 3 check (repeat_threshold >= 2),
    add column repeat_window_days int not null default 60 check (repeat_window_days >= 1),
    add column repeat_radius_m    int not null default 15 check (repeat_radius_m >= 0);

create table routing_rule (
    id              bigint generated always as identity primary key,
    jurisdiction_id text not null,
    service_code    text,
    ward_code       text,
    department_code text not null,
    dispatch        text not null check (dispatch in ('QUEUE', 'EMAIL', 'OPEN311')),
    email           text,
    endpoint        text,
    api_key         text,
    external_code   text,
    supervisor_key  text,
    foreign key (jurisdiction_id, department_code) references department (jurisdiction_id, code),
    foreign key (jurisdiction_id, service_code) references service_type (jurisdiction_id, code),
    foreign key (jurisdiction_id, ward_code) references ward (jurisdiction_id, code),
    foreign key (jurisdiction_id, supervisor_key) references person (jurisdiction_id, key),
    check (dispatch <> 'EMAIL' or email is not null),
    check (dispatch <> 'OPEN311' or (endpoint is not null and external_code is not null))
);

create index routing_rule_jurisdiction on routing_rule (jurisdiction_id);

create table reply_template (
    id              bigint generated always as identity primary key,
    jurisdiction_id text not null references jurisdiction (id),
    service_code    text,
    resolution      text not null,
    text            text not null
);
