-- what the news says is coming: dates mentioned ahead of the articles' own days, by date,
-- with the number of stories pointing at each (a story counts once per publication day)
select
    mentioned_date,
    sum(n_stories)::bigint as n_stories,
    sum(n_mentions)::bigint as n_mentions,
    min(published_day) as first_announced,
    max(days_from_publication) as max_days_ahead
from dates_mentioned
where days_from_publication > 0
group by mentioned_date
order by mentioned_date
