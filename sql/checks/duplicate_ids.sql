-- ids that occur more than once in their table (a correct warehouse returns no rows).
-- ids are global, so this looks at every crawl date.
select 'pages' as table_name, page_id as id, count(*) as n from pages group by page_id having count(*) > 1
union all
select 'articles', article_id, count(*) from articles group by article_id having count(*) > 1
union all
select 'article_copies', article_id, count(*) from article_copies group by article_id having count(*) > 1
