-- which actors appear together most, over the last 30 days of the warehouse (stories counted
-- once each: a pair named in a story and in its five copies counts 1)
with last_day as (
    select max(day) as day from actor_cooccurrence_daily
)

select c.name_a, c.name_b, sum(c.n_stories)::bigint as n_stories, count(distinct c.day) as n_days
from actor_cooccurrence_daily as c, last_day as l
where c.day > l.day - interval 30 day
group by c.name_a, c.name_b
order by n_stories desc, n_days desc, c.name_a, c.name_b
limit 20
