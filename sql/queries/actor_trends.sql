-- the actors in most stories over the last 7 days against the 7 days before: who is rising
with last_day as (
    select max(day) as day from actor_timeline
),

windows as (
    select
        t.actor_id,
        t.name_en,
        sum(t.n_stories) filter (where t.day > l.day - interval 7 day) as recent,
        sum(t.n_stories) filter (
            where t.day <= l.day - interval 7 day and t.day > l.day - interval 14 day
        ) as before
    from actor_timeline as t, last_day as l
    group by t.actor_id, t.name_en
)

select
    name_en,
    coalesce(recent, 0)::bigint as stories_last_7_days,
    coalesce(before, 0)::bigint as stories_previous_7_days,
    (coalesce(recent, 0) - coalesce(before, 0))::bigint as change
from windows
where coalesce(recent, 0) > 0
order by stories_last_7_days desc, change desc, name_en
limit 20
