-- the report's small multiples: the $top_n actors in most stories over the window, day by day
with top as (
    select actor_id, any_value(name_en) as name_en, sum(n_stories) as total
    from actor_timeline
    where day between $date_from and $date_to
    group by actor_id
    order by total desc, name_en
    limit $top_n
)

select t.actor_id, t.name_en, t.total::bigint as total_stories, a.day, a.n_stories, a.n_copies
from top as t
inner join actor_timeline as a using (actor_id)
where a.day between $date_from and $date_to
order by t.total desc, t.name_en, a.day
