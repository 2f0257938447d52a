-- the report's health chart: fetch and extraction outcomes of the crawl dates in the window
select *
from night_health
where crawl_date between $date_from and $date_to
order by crawl_date
