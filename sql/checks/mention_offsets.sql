-- actor and date mentions whose offsets do not point at their surface in articles.text
select 'actor_mentions' as table_name, m.article_id, m.surface, m.start_char, m.end_char
from actor_mentions as m
inner join articles as a using (article_id)
where m.start_char is not null
    and substring(a.text, m.start_char + 1, m.end_char - m.start_char) != m.surface
union all
select 'date_mentions', m.article_id, m.surface, m.start_char, m.end_char
from date_mentions as m
inner join articles as a using (article_id)
where m.start_char is not null
    and substring(a.text, m.start_char + 1, m.end_char - m.start_char) != m.surface
