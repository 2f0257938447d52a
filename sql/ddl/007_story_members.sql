-- story_members: every story whose text an article carries. One row per (article, story): its
-- primary story (is_primary, the same story as its article_copies row) plus secondary ones, e.g. a
-- round-up page bundling two agency releases is a member of both stories. copy_of: the article it
-- carries the story's text from (the story's original, or a direct copy of it). Written in the crawl
-- date of the night that decided the membership (see pipelines/lib/stories.py).
create table if not exists story_members (
    article_id varchar not null,
    story_id varchar not null,
    is_primary boolean not null,
    copy_of varchar,
    similarity double,
    containment double,
    method varchar not null,
    crawl_date date not null,
    primary key (article_id, story_id)
);
