-- actor and date mentions whose offsets do not point at their surface in articles.text
-- (one crawl date, or all dates when $crawl_date is null)
select 'actor_mentions' as table_name, m.article_id, m.surface, m.start_char, m.end_char
from actor_mentions as m
inner join articles as a using (article_id)
where m.start_char is not null
    and ($crawl_date is null or m.crawl_date = $crawl_date)
    and substring(a.text, m.start_char + 1, m.end_char - m.start_char) != m.surface
union all
select 'date_mentions', m.article_id, m.surface, m.start_char, m.end_char
from date_mentions as m
inner join articles as a using (article_id)
where m.start_char is not null
    and ($crawl_date is null or m.crawl_date = $crawl_date)
    and substring(a.text, m.start_char + 1, m.end_char - m.start_char) != m.surface
