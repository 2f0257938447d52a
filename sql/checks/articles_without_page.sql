-- articles of a crawl date (all dates when $crawl_date is null) whose page is not in pages
select a.article_id, a.page_id
from articles as a
left join pages as p using (page_id)
where p.page_id is null
    and ($crawl_date is null or a.crawl_date = $crawl_date)
