-- each story's reach, round-ups included. n_articles / n_outlets count its primary members (the
-- articles whose article_copies row is this story, as stories.n_articles); n_secondary counts the
-- articles that carry its text while being primary in another story (a round-up page reprinting
-- this release next to another one: story_members rows with is_primary false); n_carriers and
-- n_outlets_carrying count both. Over every night in the warehouse, grouped by story_id.
with members as (
    select c.story_id, c.article_id, true as is_primary
    from article_copies as c
    union all
    select m.story_id, m.article_id, false as is_primary
    from story_members as m
    where not m.is_primary
),

originals as (
    select c.story_id, c.article_id as original_article_id, a.outlet_id as original_outlet, a.title
    from article_copies as c
    inner join articles as a using (article_id)
    where c.is_original
)

select
    m.story_id,
    o.title,
    o.original_article_id,
    o.original_outlet,
    count(*) filter (where m.is_primary) as n_articles,
    count(distinct a.outlet_id) filter (where m.is_primary) as n_outlets,
    count(*) filter (where not m.is_primary) as n_secondary,
    count(distinct m.article_id) as n_carriers,
    count(distinct a.outlet_id) as n_outlets_carrying
from members as m
inner join articles as a using (article_id)
left join originals as o using (story_id)
group by m.story_id, o.title, o.original_article_id, o.original_outlet
