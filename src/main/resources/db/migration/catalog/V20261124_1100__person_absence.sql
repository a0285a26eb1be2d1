-- Someone of the directory away (leave, holidays) until a day, and who of the directory stands in for them: whom an
-- inquiry is escalated to meanwhile, and who hears of and may record the callbacks promised on their behalf.
create table person_absence (
    jurisdiction_id text not null,
    person_key      text not null,
    until           date not null,
    stand_in        text not null,
    primary key (jurisdiction_id, person_key),
    foreign key (jurisdiction_id, person_key) references person (jurisdiction_id, key) on delete cascade,
    foreign key (jurisdiction_id, stand_in) references person (jurisdiction_id, key) on delete cascade,
    check (stand_in <> person_key)
);

create index person_absence_stand_in on person_absence (jurisdiction_id, stand_in);
