-- the contract tables of ../shared/design/warehouse.md; columns in the order of pipelines/lib/schemas.py
-- (the duckdb-polars io manager inserts by position). partitioned tables carry crawl_date.

create table if not exists outlets (
    outlet_id varchar primary key,
    name varchar not null,
    name_ar varchar,
    kind varchar not null check (kind in ('outlet', 'aggregator', 'agency')),
    country varchar,
    language varchar,
    aliases varchar[],
    source_kinds varchar[]
);

create table if not exists pages (
    page_id varchar primary key,
    url varchar not null,
    final_url varchar,
    outlet_id varchar not null,
    crawl_date date not null,
    fetched_at timestamp with time zone,
    http_status integer,
    encoding varchar,
    bytes bigint,
    content_sha1 varchar,
    error varchar,
    source_kind varchar not null,
    content_type varchar,
    elapsed_ms double,
    from_cache boolean,
    source_locator varchar
);

create table if not exists extractions (
    page_id varchar primary key,
    crawl_date date not null,
    outcome varchar not null,
    reason varchar,
    n_articles integer not null,
    extractor varchar,
    elapsed_ms double
);

create table if not exists articles (
    article_id varchar primary key,
    page_id varchar not null,
    segment integer not null check (segment >= 1),
    url varchar,
    outlet_id varchar not null,
    credited_outlet varchar,
    title varchar,
    author varchar,
    published_date date,
    published_at timestamp with time zone,
    published_source varchar,
    language varchar,
    language_confidence double,
    text varchar not null,
    word_count integer not null,
    crawl_date date not null,
    credited_name varchar,
    credit_source varchar,
    dateline varchar,
    site_name varchar,
    description varchar,
    n_segments integer,
    published_surface varchar,
    removed_boilerplate varchar[]
);

create table if not exists stories (
    story_id varchar not null,
    original_article_id varchar not null,
    title varchar,
    first_published_date date,
    n_articles integer not null,
    n_outlets integer not null,
    crawl_date date not null,
    primary key (crawl_date, story_id)
);

create table if not exists article_copies (
    article_id varchar primary key,
    story_id varchar not null,
    is_original boolean not null,
    copy_of varchar,
    similarity double,
    containment double,
    method varchar not null,
    crawl_date date not null
);

create table if not exists copy_candidates (
    article_a varchar not null,
    article_b varchar not null,
    jaccard double,
    containment double,
    decision boolean not null,
    rule varchar,
    crawl_date date not null,
    primary key (crawl_date, article_a, article_b)
);

create table if not exists actors (
    actor_id varchar primary key,
    name_en varchar not null,
    name_ar varchar,
    type varchar not null,
    country varchar,
    wikidata_id varchar,
    aliases_ar varchar[],
    aliases_en varchar[]
);

create table if not exists actor_mentions (
    article_id varchar not null,
    actor_id varchar not null,
    surface varchar not null,
    start_char integer,
    end_char integer,
    match varchar not null,
    crawl_date date not null,
    role varchar,
    location varchar not null
);

create table if not exists date_mentions (
    article_id varchar not null,
    surface varchar not null,
    start_char integer,
    end_char integer,
    value date not null,
    value_end date,
    granularity varchar not null,
    kind varchar not null check (kind in ('absolute', 'relative', 'hijri')),
    anchor_date date,
    rule varchar not null,
    crawl_date date not null,
    location varchar not null
);
