-- each story, day by day: when it was first seen, how many copies appeared that day, how many
-- outlets carried it that day, and how many outlets it had reached by the end of that day.
-- grouped by story_id (not crawl_date), so a story spanning days has one row per day.
with originals as (
    select story_id, title, outlet_id as original_outlet, day as original_day
    from article_facts
    where is_original
),

first_by_outlet as (
    select story_id, outlet_id, min(day) as day
    from article_facts
    group by story_id, outlet_id
),

new_outlets as (
    select story_id, day, count(*) as n_new_outlets
    from first_by_outlet
    group by story_id, day
),

per_day as (
    select
        story_id,
        day,
        count(*) as n_articles,
        count(*) filter (where not is_original) as n_copies,
        count(distinct outlet_id) as n_outlets
    from article_facts
    group by story_id, day
)

select
    p.story_id,
    o.title,
    o.original_outlet,
    min(p.day) over (partition by p.story_id) as first_seen,
    p.day,
    p.n_articles,
    p.n_copies,
    p.n_outlets,
    coalesce(n.n_new_outlets, 0) as n_new_outlets,
    (sum(coalesce(n.n_new_outlets, 0)) over (
        partition by p.story_id order by p.day rows between unbounded preceding and current row
    ))::bigint as outlets_reached
from per_day as p
left join originals as o using (story_id)
left join new_outlets as n using (story_id, day)
