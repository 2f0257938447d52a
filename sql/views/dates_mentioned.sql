-- dates the articles talk about against the days they were published: one row per (mentioned
-- date, publication day). days_from_publication < 0 looks back, > 0 looks ahead. only dates in
-- the text (the header date line is the publication date itself); a story counts once per cell.
select
    m.value as mentioned_date,
    f.day as published_day,
    m.value - f.day as days_from_publication,
    count(distinct f.story_id) as n_stories,
    count(distinct f.article_id) as n_articles,
    count(*) as n_mentions,
    string_agg(distinct m.kind, ', ' order by m.kind) as kinds
from date_mentions as m
inner join article_facts as f using (article_id)
where m.location = 'text'
group by all
