-- Service requests, the people who reported them (kept apart: never public), their notes and media.

create sequence service_request_number start with 1000001;

create table service_request (
    id              bigint generated always as identity primary key,
    jurisdiction_id text        not null,
    public_id       text        not null,
    token           uuid        not null unique,
    service_code    text        not null,
    -- The name and agency as they stood when the request was made, so history reads as it was filed.
    service_name    text        not null,
    agency          text,
    status_code     text        not null,
    closed          boolean     not null,
    status_notes    text,
    description     text,
    service_notice  text,
    address         text,
    address_id      text,
    zipcode         text,
    lat             double precision,
    lon             double precision,
    location        point generated always as (case when lat is null or lon is null then null else point(lon, lat) end) stored,
    ward_code       text,
    channel         text        not null,
    attributes      jsonb       not null default '{}',
    requested_at    timestamptz not null,
    updated_at      timestamptz,
    expected_at     timestamptz,
    closed_at       timestamptz,
    parent_id       bigint references service_request (id),
    unique (jurisdiction_id, public_id),
    foreign key (jurisdiction_id, service_code) references service_type (jurisdiction_id, code),
    foreign key (jurisdiction_id, status_code) references request_status (jurisdiction_id, code),
    check (lat is null or (lat between -90 and 90)),
    check (lon is null or (lon between -180 and 180))
);

create index service_request_requested on service_request (jurisdiction_id, requested_at desc, id desc);
create index service_request_updated on service_request (jurisdiction_id, updated_at);
create index service_request_location on service_request using gist (location);

create table request_reporter (
    request_id  bigint primary key references service_request (id),
    first_name  text,
    last_name   text,
    email       text,
    phone       text,
    device_id   text,
    account_id  text
);

create table request_note (
    id          bigint generated always as identity primary key,
    request_id  bigint      not null references service_request (id),
    noted_at    timestamptz not null,
    public      boolean     not null,
    kind        text        not null,
    status_code text,
    text        text        not null,
    author      text
);

create index request_note_request on request_note (request_id, noted_at);

create table request_media (
    id          bigint generated always as identity primary key,
    request_id  bigint not null references service_request (id),
    position    int    not null,
    -- Either a path of Civic311's own media store ("/media/…") or a URL given by the reporter or an archive.
    url         text   not null,
    unique (request_id, position)
);
