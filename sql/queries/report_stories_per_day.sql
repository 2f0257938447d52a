-- the report's first chart: per day, new stories (their originals) and the copies that followed
select
    day,
    count(*) filter (where is_original) as n_stories,
    count(*) filter (where not is_original) as n_copies
from article_facts
where day between $date_from and $date_to
group by day
order by day
