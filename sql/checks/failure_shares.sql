-- share of failed fetches and of pages that gave no article, per crawl date (from night_health)
select crawl_date, n_pages, failed_fetch_share, empty_extraction_share
from night_health
order by crawl_date
