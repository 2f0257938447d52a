-- who copies whom: one row per (source outlet, copier outlet), the outlet that served the copied
-- article and the outlet that served the copy, with how many copies and stories, and the median
-- delay between them (hours from published_at where both have a time, else days from the days).
with copies as (
    select
        src.outlet_id as source_outlet,
        cp.outlet_id as copier_outlet,
        cp.story_id,
        epoch(cp.published_at - src.published_at) / 3600.0 as delay_hours,
        cp.day - src.day as delay_days
    from article_facts as cp
    inner join article_facts as src on src.article_id = cp.copy_of
)

select
    source_outlet,
    copier_outlet,
    count(*) as n_copies,
    count(distinct story_id) as n_stories,
    median(delay_hours) as median_delay_hours,
    median(delay_days) as median_delay_days
from copies
group by source_outlet, copier_outlet
