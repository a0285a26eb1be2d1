-- The catalogue: jurisdictions, their statuses, departments, people, service types and their questions, wards.

create table jurisdiction (
    id          text primary key,
    name        text        not null,
    time_zone   text        not null,
    contact     text,
    created_at  timestamptz not null default now()
);

create table request_status (
    jurisdiction_id text    not null references jurisdiction (id),
    code            text    not null,
    name            text    not null,
    closed          boolean not null,
    initial         boolean not null,
    position        int     not null,
    primary key (jurisdiction_id, code)
);

create table department (
    jurisdiction_id text not null references jurisdiction (id),
    code            text not null,
    name            text not null,
    email           text,
    phone           text,
    manager_key     text,
    primary key (jurisdiction_id, code)
);

create table person (
    jurisdiction_id text not null,
    key             text not null,
    name            text not null,
    title           text not null,
    department_code text not null,
    role            text not null check (role in ('MANAGER', 'SUPERVISOR', 'STAFF')),
    phone           text not null,
    email           text not null,
    primary key (jurisdiction_id, key),
    foreign key (jurisdiction_id, department_code) references department (jurisdiction_id, code)
);

create table service_type (
    jurisdiction_id text    not null,
    code            text    not null,
    name            text    not null,
    description     text,
    group_name      text    not null,
    department_code text    not null,
    keywords        text[]  not null default '{}',
    delivery        text    not null check (delivery in ('REALTIME', 'BATCH', 'BLACKBOX')),
    active          boolean not null,
    sla_amount      int     not null check (sla_amount > 0),
    sla_unit        text    not null check (sla_unit in ('HOURS', 'BUSINESS_DAYS')),
    notice          text,
    position        int     not null,
    primary key (jurisdiction_id, code),
    foreign key (jurisdiction_id, department_code) references department (jurisdiction_id, code)
);

create table service_attribute (
    jurisdiction_id      text    not null,
    service_code         text    not null,
    code                 text    not null,
    variable             boolean not null,
    datatype             text    not null check (datatype in
                             ('STRING', 'NUMBER', 'DATETIME', 'TEXT', 'SINGLEVALUELIST', 'MULTIVALUELIST')),
    required             boolean not null,
    datatype_description text,
    position             int     not null,
    description          text    not null,
    primary key (jurisdiction_id, service_code, code),
    foreign key (jurisdiction_id, service_code) references service_type (jurisdiction_id, code)
);

create table service_attribute_value (
    jurisdiction_id text not null,
    service_code    text not null,
    attribute_code  text not null,
    key             text not null,
    name            text not null,
    position        int  not null,
    primary key (jurisdiction_id, service_code, attribute_code, key),
    foreign key (jurisdiction_id, service_code, attribute_code)
        references service_attribute (jurisdiction_id, service_code, code)
);

create table ward (
    jurisdiction_id text not null references jurisdiction (id),
    code            text not null,
    name            text not null,
    primary key (jurisdiction_id, code)
);

-- Native polygons (no PostGIS in the embedded server): longitude as x, latitude as y.
create table ward_outline (
    id              bigint generated always as identity primary key,
    jurisdiction_id text    not null,
    ward_code       text    not null,
    hole            boolean not null,
    outline         polygon not null,
    foreign key (jurisdiction_id, ward_code) references ward (jurisdiction_id, code)
);

create index ward_outline_outline on ward_outline using gist (outline);
