-- fetch and extraction outcomes per crawl date (from the night_health view)
select
    crawl_date,
    n_pages,
    n_fetched,
    n_fetch_failed,
    n_extracted,
    n_empty + n_parse_error as n_extraction_failed,
    n_articles
from night_health
where crawl_date between $date_from and $date_to
order by crawl_date
