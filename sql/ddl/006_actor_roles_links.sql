-- Registry companions (issue 6): time-bounded roles of people and links between actors.
-- end_date is exclusive (first day no longer in office); null while in office.
create table if not exists actor_roles (
    actor_id varchar not null,
    role varchar not null,
    start_date date,
    end_date date,
    check (end_date is null or start_date is null or start_date < end_date)
);

-- relation: renamed_to / predecessor / part_of ... (target_actor_id) or former_name (name)
create table if not exists actor_links (
    actor_id varchar not null,
    relation varchar not null,
    target_actor_id varchar,
    name varchar,
    check (target_actor_id is not null or name is not null)
);
