-- fetch and extraction outcomes per crawl date
select
    p.crawl_date,
    count(*) as n_pages,
    count(*) filter (where p.error is null) as n_fetched,
    count(*) filter (where p.error is not null) as n_fetch_failed,
    count(*) filter (where e.outcome = 'ok') as n_extracted,
    count(*) filter (where e.outcome in ('empty', 'parse_error')) as n_extraction_failed,
    coalesce(sum(e.n_articles), 0) as n_articles
from pages as p
left join extractions as e using (page_id)
where p.crawl_date between $date_from and $date_to
group by p.crawl_date
order by p.crawl_date
