-- rows per contract table, for the run summary
select 'outlets' as table_name, count(*) as n_rows from outlets
union all select 'pages', count(*) from pages
union all select 'extractions', count(*) from extractions
union all select 'articles', count(*) from articles
union all select 'stories', count(*) from stories
union all select 'article_copies', count(*) from article_copies
union all select 'copy_candidates', count(*) from copy_candidates
union all select 'story_members', count(*) from story_members
union all select 'actors', count(*) from actors
union all select 'actor_mentions', count(*) from actor_mentions
union all select 'date_mentions', count(*) from date_mentions
union all select 'actor_roles', count(*) from actor_roles
union all select 'actor_links', count(*) from actor_links
