-- the stories that reached most outlets, how long they kept spreading and who wrote them first
select
    story_id,
    any_value(title) as title,
    any_value(original_outlet) as original_outlet,
    min(first_seen) as first_seen,
    max(day) as last_seen,
    max(day) - min(first_seen) as days_spreading,
    sum(n_articles)::bigint as n_articles,
    max(outlets_reached) as outlets_reached
from story_timeline
group by story_id
having sum(n_articles) > 1
order by outlets_reached desc, n_articles desc, first_seen, story_id
limit 20
