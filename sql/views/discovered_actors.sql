-- people the actor registry does not know (actor_mentions.match = 'discovered'): names found right
-- after a known title ("وزير الخارجية الأميركي <name>", role set) or by their shape (a given name and
-- family names, role null; pipelines/lib/actors/names.py): one row per discovered name and role, for an analyst to review and add to data/actors/. actor_id is 'discovered:<normalised
-- name>'; name is its most frequent written form; outlets are the crediting outlets (the
-- outlet that wrote the text, else the one that served it); days as in article_facts.
with discovered as (
    select
        m.actor_id,
        m.role,
        m.surface,
        m.article_id,
        f.story_id,
        f.day,
        coalesce(f.credited_outlet, f.outlet_id) as outlet
    from actor_mentions as m
    inner join article_facts as f using (article_id)
    where m.match = 'discovered'
)

select
    actor_id,
    mode(surface) as name,
    role,
    count(*) as n_mentions,
    count(distinct article_id) as n_articles,
    count(distinct story_id) as n_stories,
    count(distinct outlet) as n_outlets,
    array_sort(list(distinct outlet)) as outlets,
    min(day) as first_seen,
    max(day) as last_seen,
    arg_min(article_id, (day, article_id)) as example_article_id
from discovered
group by actor_id, role
